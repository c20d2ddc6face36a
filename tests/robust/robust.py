#!/usr/bin/env python3
"""robust.py — crash safety and malformed HTTP against the real server.

    python3 tests/robust/robust.py LOTSE_BIN [TEST...]

Each test starts `LOTSE_BIN serve` on 127.0.0.1 (a free port) with a fresh
demo database in a temporary folder, and prints one line: "ok NAME" or
"FAIL NAME: reason". Traffic goes only to 127.0.0.1; every test is bounded
in time and count; the whole suite takes well under a minute.

Python 3 standard library only.
"""
import http.client
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid

BIN = None
SERVERS = []  # started in the current test; killed after it
LISTEN_RE = re.compile(r"listening on http://127\.0\.0\.1:(\d+)")


class Fail(Exception):
    pass


class Server:
    """A `lotse serve` child process with its own database and log."""

    def __init__(self, workdir, env=None):
        self.dir = workdir
        self.db = os.path.join(workdir, "lotse.db")
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.proc = None
        self.port = None
        self.lines = []
        self.lock = threading.Lock()
        SERVERS.append(self)
        out = subprocess.run([BIN, "init", "--db", self.db, "--demo"],
                             capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise Fail("lotse init failed: " + (out.stderr or out.stdout).strip())

    def _reader(self, pipe):
        for line in pipe:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def log(self):
        with self.lock:
            return list(self.lines)

    def start(self):
        self.lines = []
        self.proc = subprocess.Popen(
            [BIN, "serve", "--db", self.db, "--listen", "127.0.0.1:0", "--threads", "4"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, errors="replace", env=self.env)
        threading.Thread(target=self._reader, args=(self.proc.stderr,), daemon=True).start()
        deadline = time.time() + 10
        while time.time() < deadline:
            for line in self.log():
                m = LISTEN_RE.search(line)
                if m:
                    self.port = int(m.group(1))
                    return self
            if self.proc.poll() is not None:
                raise Fail("server exited at start: " + " | ".join(self.log()[-5:]))
            time.sleep(0.02)
        raise Fail("server did not say where it listens within 10 s")

    def kill(self, sig=signal.SIGKILL, wait=10):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            return self.proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise Fail("server did not exit within %d s after signal %d" % (wait, sig))

    def stop(self):
        """SIGTERM; the server must exit 0 (under ASan: without leaks)."""
        rc = self.kill(signal.SIGTERM)
        if rc != 0:
            raise Fail("exit status %d after SIGTERM: %s" % (rc, " | ".join(self.log()[-5:])))

    def alive(self):
        return self.proc is not None and self.proc.poll() is None


def get(port, path="/", timeout=5):
    """A normal request on a new connection: (status, body)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def expect_healthy(srv, what):
    if not srv.alive():
        raise Fail("server died after %s (exit %s): %s"
                   % (what, srv.proc.returncode, " | ".join(srv.log()[-3:])))
    try:
        status, body = get(srv.port)
    except (OSError, http.client.HTTPException) as e:
        raise Fail("GET / failed right after %s: %r" % (what, e))
    if status != 200 or b"</html>" not in body:
        raise Fail("GET / answered %d right after %s" % (status, what))


def exchange(port, data, timeout=5, chunk=None, shut=True):
    """Send raw bytes, then read until the first response's header block is
    complete, the server closes, or timeout. Returns (status or None,
    how) with how in "answered", "closed", "reset", "timeout"."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    how = None
    try:
        try:
            if chunk:
                for i in range(0, len(data), chunk):
                    s.sendall(data[i:i + chunk])
            else:
                s.sendall(data)
            if shut:
                s.shutdown(socket.SHUT_WR)
        except OSError:
            how = "reset"  # the server stopped reading or closed: see what it said
        buf = b""
        deadline = time.time() + timeout
        while b"\r\n\r\n" not in buf:
            s.settimeout(max(0.01, deadline - time.time()))
            try:
                d = s.recv(65536)
            except socket.timeout:
                return None, "timeout"
            except ConnectionResetError:
                return (parse_status(buf), "reset")
            if not d:
                return (parse_status(buf), "closed" if not buf else "answered")
            buf += d
        return parse_status(buf), "answered"
    finally:
        s.close()


def parse_status(buf):
    m = re.match(rb"HTTP/1\.[01] (\d{3}) ", buf)
    return int(m.group(1)) if m else None


def expect_refused(port, data, what, allowed=range(400, 500), **kw):
    """The server answers with a status in allowed, or closes the connection."""
    status, how = exchange(port, data, **kw)
    if how == "timeout":
        raise Fail("%s: no answer and no close within %s s" % (what, kw.get("timeout", 5)))
    if status is not None and status not in allowed:
        raise Fail("%s: answered %d" % (what, status))
    return status


# ---- the tests ------------------------------------------------------------

CONTACT = ("POST /kontakt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
           "Content-Type: application/x-www-form-urlencoded\r\n")


def test_crash_keeps_acknowledged(tmp):
    """SIGKILL mid-stream of contact POSTs: every message answered 303 is
    in the database after a restart, and the database is intact."""
    srv = Server(tmp, {"LOTSE_CONTACT_RATE": "1000000"}).start()
    run = uuid.uuid4().hex[:12]
    acked, lock, stop = [], threading.Lock(), threading.Event()
    errors = []

    def client(n):
        i = 0
        while not stop.is_set():
            marker = "robust-%s-%d-%d" % (run, n, i)
            i += 1
            body = ("name=Test+Person&email=test%40example.org&consent=1&website=&message="
                    "Nachricht+" + marker).encode()
            try:
                c = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=5)
                c.request("POST", "/kontakt", body,
                          {"Content-Type": "application/x-www-form-urlencoded"})
                r = c.getresponse()
                r.read()
                c.close()
            except (OSError, http.client.HTTPException):
                if not srv.alive() or stop.is_set():
                    return
                continue
            if r.status == 303:
                with lock:
                    acked.append(marker)
            elif srv.alive():
                errors.append("POST answered %d" % r.status)
                return

    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    deadline = time.time() + 8
    while time.time() < deadline:
        with lock:
            if len(acked) >= 300:
                break
        time.sleep(0.05)
    srv.kill(signal.SIGKILL)  # the clients are still sending
    stop.set()
    for t in threads:
        t.join(10)
    if errors:
        raise Fail(errors[0])
    if len(acked) < 20:
        raise Fail("only %d messages acknowledged before the kill" % len(acked))

    srv.start()  # recovers the WAL
    expect_healthy(srv, "restart after SIGKILL")
    con = sqlite3.connect(srv.db, timeout=10)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        stored = set(m[len("Nachricht "):] for (m,) in con.execute(
            "SELECT message FROM contact_message WHERE message LIKE ?",
            ("Nachricht robust-" + run + "-%",)))
    finally:
        con.close()
    srv.stop()
    if ok != "ok":
        raise Fail("integrity_check: " + ok)
    lost = [m for m in acked if m not in stored]
    if lost:
        raise Fail("%d of %d acknowledged messages lost, e.g. %s" % (len(lost), len(acked), lost[0]))
    return "%d acknowledged, %d stored" % (len(acked), len(stored))


def test_bad_request_lines(tmp):
    srv = Server(tmp).start()
    cases = [
        b"GARBAGE\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET /\r\n\r\n",
        b"GET / HTTP/1.1 extra\r\nHost: a\r\n\r\n",
        b" / HTTP/1.1\r\nHost: a\r\n\r\n",
        b"\r\n\r\n\r\n\r\n\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",  # TLS hello
        b"GET / HTTP/1.1\r\nHost a\r\n\r\n",                                # header without colon
        b"GET / HTTP/1.1\r\nHost: a\r\nX\x00Y: z\r\n\r\n",
    ]
    for data in cases:
        expect_refused(srv.port, data, "request line %r" % data[:24])
        expect_healthy(srv, "bad request %r" % data[:24])
    # an unknown version: 505 is the right answer
    expect_refused(srv.port, b"GET / HTTP/9.9\r\nHost: a\r\n\r\n", "HTTP/9.9",
                   allowed=list(range(400, 500)) + [505])
    expect_healthy(srv, "HTTP/9.9")
    srv.stop()


def test_huge_header(tmp):
    srv = Server(tmp).start()
    data = b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + b"a" * (70 * 1024) + b"\r\n\r\n"
    expect_refused(srv.port, data, "a 70 KiB header")
    expect_healthy(srv, "a 70 KiB header")
    srv.stop()


def test_many_headers(tmp):
    srv = Server(tmp).start()
    data = b"GET / HTTP/1.1\r\nHost: a\r\n" + b"".join(
        b"X-H%d: v\r\n" % i for i in range(5000)) + b"\r\n"
    expect_refused(srv.port, data, "5000 headers")
    expect_healthy(srv, "5000 headers")
    srv.stop()


def test_slowloris(tmp):
    """One byte per second for ~5 s: other clients are served meanwhile."""
    srv = Server(tmp).start()
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
    try:
        s.sendall(b"GET / HTTP/1.1\r\nHost: a\r\n")
        for ch in b"X-Slow: 12":
            s.sendall(bytes([ch]))
            status, _ = get(srv.port, timeout=2)
            if status != 200:
                raise Fail("GET / answered %d during the slow request" % status)
            time.sleep(0.5)
    except (OSError, http.client.HTTPException) as e:
        # the server may drop the slow client; others must still be served
        if isinstance(e, (socket.timeout, http.client.HTTPException)):
            raise Fail("a normal GET / stalled during the slow request: %r" % e)
    finally:
        s.close()
    expect_healthy(srv, "a slow client")
    srv.stop()


MULTIPART = (b"--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nTest\r\n"
             b"--XyZ\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nt@example.org\r\n"
             b"--XyZ\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nHallo\r\n"
             b"--XyZ\r\nContent-Disposition: form-data; name=\"consent\"\r\n\r\n1\r\n--XyZ--\r\n")


def test_truncated_multipart(tmp):
    srv = Server(tmp).start()
    head = (b"POST /kontakt HTTP/1.1\r\nHost: a\r\n"
            b"Content-Type: multipart/form-data; boundary=XyZ\r\n")
    # the connection ends inside the body
    expect_refused(srv.port, head + b"Content-Length: %d\r\n\r\n" % len(MULTIPART)
                   + MULTIPART[:90], "a multipart body cut short")
    expect_healthy(srv, "a multipart body cut short")
    # the body is complete as declared but the multipart structure is not
    cut = MULTIPART[:120]
    expect_refused(srv.port, head + b"Content-Length: %d\r\n\r\n" % len(cut) + cut,
                   "an unterminated multipart body")
    expect_healthy(srv, "an unterminated multipart body")
    # a part without a name (crashed the server before it was handled)
    bad = b"--XyZ\r\nContent-Disposition: form-data; name=\"name\r\n\r\nx\r\n--XyZ--\r\n"
    expect_refused(srv.port, head + b"Content-Length: %d\r\n\r\n" % len(bad) + bad,
                   "a multipart part with a broken name")
    expect_healthy(srv, "a multipart part with a broken name")
    srv.stop()


def test_wrong_content_length(tmp):
    srv = Server(tmp).start()
    body = b"name=Test&email=t%40example.org&message=Hallo&consent=1"
    cases = [
        ("longer than the body", b"Content-Length: %d\r\n\r\n" % (len(body) + 50) + body),
        ("not a number", b"Content-Length: zw\xc3\xb6lf\r\n\r\n" + body),
        ("negative", b"Content-Length: -1\r\n\r\n" + body),
        ("given twice, differently", b"Content-Length: 4\r\nContent-Length: %d\r\n\r\n"
         % len(body) + body),
        ("with Transfer-Encoding", b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n"
         b"0\r\n\r\n" + body),
    ]
    for what, rest in cases:
        expect_refused(srv.port, CONTACT.encode() + rest, "Content-Length " + what)
        expect_healthy(srv, "Content-Length " + what)
    # shorter than the body: the first request is incomplete (422), and the
    # rest is not a request
    status, how = exchange(srv.port, CONTACT.encode() + b"Content-Length: 9\r\n\r\n" + body)
    if how == "timeout" or (status is not None and not 400 <= status < 500):
        raise Fail("Content-Length shorter than the body: %s %s" % (status, how))
    expect_healthy(srv, "Content-Length shorter than the body")
    srv.stop()


def test_body_too_large(tmp):
    srv = Server(tmp).start()
    size = 10 * 1024 * 1024 + 1
    filler = b"message=" + b"a" * (size - 8)
    status, how = exchange(srv.port, CONTACT.encode() + b"Content-Length: %d\r\n\r\n" % size
                           + filler, timeout=20, chunk=1 << 20)
    if status != 413:
        raise Fail("a body of 10 MiB + 1 byte: %s (%s), expected 413" % (status, how))
    expect_healthy(srv, "a body over 10 MiB")
    # the same without a Content-Length (chunked)
    chunks = b"".join(b"%x\r\n%s\r\n" % (1 << 20, b"a" * (1 << 20)) for _ in range(11))
    status, how = exchange(srv.port, CONTACT.encode() + b"Transfer-Encoding: chunked\r\n\r\n"
                           + b"5\r\nname=\r\n" + chunks + b"0\r\n\r\n", timeout=20, chunk=1 << 20)
    if status != 413:
        raise Fail("a chunked body over 10 MiB: %s (%s), expected 413" % (status, how))
    expect_healthy(srv, "a chunked body over 10 MiB")
    srv.stop()


def test_invalid_method(tmp):
    srv = Server(tmp).start()
    for m in [b"FOO", b"DELETE", b"PUT", b"TRACE", b"OPTIONS", b"G\x01T", b"get", b"A" * 300]:
        expect_refused(srv.port, m + b" / HTTP/1.1\r\nHost: a\r\n\r\n", "method %r" % m[:20])
        expect_healthy(srv, "method %r" % m[:20])
    srv.stop()


def test_nul_in_path(tmp):
    srv = Server(tmp).start()
    for path in [b"/%00", b"/kontakt%00.css", b"/static/style.css%00", b"/%00/../kontakt"]:
        expect_refused(srv.port, b"GET " + path + b" HTTP/1.1\r\nHost: a\r\n\r\n",
                       "path %r" % path)
        expect_healthy(srv, "path %r" % path)
    # A raw NUL byte: libmicrohttpd hands the path over as a C string, cut at
    # the NUL, and gives no way to see the rest. The server must not crash
    # and must not serve anything but the page of the cut path ("/kontakt").
    # The same holds for a method: "GET\0X" arrives as "GET".
    for line in [b"GET /kontakt\x00/../../etc/passwd HTTP/1.1", b"GET\x00X /kontakt HTTP/1.1"]:
        status, how = exchange(srv.port, line + b"\r\nHost: a\r\n\r\n")
        if how == "timeout" or status not in (None, 200, 400, 404, 405):
            raise Fail("raw NUL in %r: %s %s" % (line, status, how))
        expect_healthy(srv, "a raw NUL in %r" % line)
    srv.stop()


def test_absurd_uri(tmp):
    srv = Server(tmp).start()
    for n in (9000, 70 * 1024, 1024 * 1024):
        expect_refused(srv.port, b"GET /" + b"a" * n + b" HTTP/1.1\r\nHost: a\r\n\r\n",
                       "a %d-byte URI" % n, timeout=10)
        expect_healthy(srv, "a %d-byte URI" % n)
    q = b"GET /?" + b"&".join(b"k%d=v" % i for i in range(5000)) + b" HTTP/1.1\r\nHost: a\r\n\r\n"
    expect_refused(srv.port, q, "5000 query arguments", allowed=list(range(400, 500)) + [200])
    expect_healthy(srv, "5000 query arguments")
    srv.stop()


_sanitized = None


def sanitized():
    """Is the binary built with AddressSanitizer?"""
    global _sanitized
    if _sanitized is None:
        with open(BIN, "rb") as f:
            _sanitized = b"__asan_init" in f.read()
    return _sanitized


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def test_header_overflow_no_leak(tmp):
    """Requests that libmicrohttpd gives up on while parsing their header
    (query arguments overflowing its memory pool) leaked ~8 KiB each and
    delayed shutdown; 2000 of them must not grow the server."""
    srv = Server(tmp).start()
    q = b"GET /?" + b"&".join(b"k%d=v" % i for i in range(1000)) + b" HTTP/1.1\r\nHost: a\r\n\r\n"
    for _ in range(50):  # let the allocator settle first
        exchange(srv.port, q, shut=False)
    before = rss_kb(srv.proc.pid)
    for _ in range(2000):
        status, how = exchange(srv.port, q, shut=False)
        if how == "timeout":
            raise Fail("no answer and no close for a request with 1000 query arguments")
    expect_healthy(srv, "2000 oversized query strings")
    grown = rss_kb(srv.proc.pid) - before
    # Under AddressSanitizer freed memory waits in quarantine, so the size
    # says nothing; its leak check at exit (exit status) does instead.
    if grown > 4096 and not sanitized():
        raise Fail("resident memory grew by %d KiB over 2000 requests" % grown)
    started = time.time()
    rc = srv.kill(signal.SIGTERM)
    took = time.time() - started
    if rc != 0 or took > 2:
        raise Fail("SIGTERM: exit %s after %.1f s (a request never finished?): %s"
                   % (rc, took, " | ".join(srv.log()[-3:])))
    return "grew %d KiB%s" % (max(grown, 0), " (ASan build)" if sanitized() else "")


def test_sigterm_finishes_request(tmp):
    """SIGTERM while a request is in flight: it is answered, then the
    server logs "stopped" and exits 0."""
    srv = Server(tmp, {"LOTSE_CONTACT_RATE": "100"}).start()
    body = b"name=Test&email=t%40example.org&message=Letzte+Nachricht&consent=1"
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=10)
    try:
        s.sendall(CONTACT.encode() + b"Content-Length: %d\r\nConnection: close\r\n\r\n"
                  % len(body) + body[:10])
        time.sleep(0.3)
        srv.proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        if not srv.alive():
            raise Fail("the server exited with a request in flight")
        s.sendall(body[10:])
        buf = b""
        while True:
            d = s.recv(65536)
            if not d:
                break
            buf += d
    finally:
        s.close()
    status = parse_status(buf)
    if status != 303:
        raise Fail("the request in flight got %s, expected 303" % status)
    try:
        rc = srv.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        srv.proc.kill()
        raise Fail("the server did not exit within 10 s of SIGTERM")
    time.sleep(0.1)
    log = srv.log()
    if rc != 0:
        raise Fail("exit status %d after SIGTERM" % rc)
    if not any(line.endswith("stopped") for line in log):
        raise Fail("no 'stopped' in the log: " + " | ".join(log[-3:]))
    con = sqlite3.connect(srv.db)
    n = con.execute("SELECT count(*) FROM contact_message WHERE message = 'Letzte Nachricht'").fetchone()[0]
    con.close()
    if n != 1:
        raise Fail("the message sent during shutdown was stored %d times" % n)


TESTS = [
    ("crash_keeps_acknowledged", test_crash_keeps_acknowledged),
    ("bad_request_lines", test_bad_request_lines),
    ("huge_header", test_huge_header),
    ("many_headers", test_many_headers),
    ("slowloris", test_slowloris),
    ("truncated_multipart", test_truncated_multipart),
    ("wrong_content_length", test_wrong_content_length),
    ("body_too_large", test_body_too_large),
    ("invalid_method", test_invalid_method),
    ("nul_in_path", test_nul_in_path),
    ("absurd_uri", test_absurd_uri),
    ("header_overflow_no_leak", test_header_overflow_no_leak),
    ("sigterm_finishes_request", test_sigterm_finishes_request),
]


def main():
    global BIN
    if len(sys.argv) < 2:
        print("usage: robust.py LOTSE_BIN [TEST...]", file=sys.stderr)
        return 2
    BIN = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    failed = 0
    t0 = time.time()
    for name, fn in TESTS:
        if only and name not in only:
            continue
        with tempfile.TemporaryDirectory(prefix="lotse-robust-") as tmp:
            started = time.time()
            try:
                note = fn(tmp)
                print("ok %s%s (%.1fs)" % (name, " — " + note if note else "", time.time() - started),
                      flush=True)
            except Fail as e:
                failed += 1
                print("FAIL %s: %s" % (name, e), flush=True)
            except Exception as e:  # a bug in the test itself still counts
                failed += 1
                print("FAIL %s: %s: %s" % (name, type(e).__name__, e), flush=True)
            finally:
                # no server outlives its test
                for srv in SERVERS:
                    if srv.alive():
                        srv.proc.kill()
                        srv.proc.wait()
                SERVERS.clear()
    print("# robust: %d tests, %d failed, %.1fs" % (len(TESTS) if not only else len(only),
                                                     failed, time.time() - t0))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
