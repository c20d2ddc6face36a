#!/usr/bin/python3
"""ical_check.py FILE — read an iCalendar file as lotse serves it with a real
parser (python3-icalendar) and check RFC 5545 points the events promise:
CRLF line ends, no line over 75 octets, a VTIMEZONE for Europe/Berlin, and
in each VEVENT UID, DTSTAMP, DTSTART/DTEND in Europe/Berlin, SUMMARY and URL.
Prints one line per event, "UID<TAB>STATUS<TAB>DTSTART<TAB>SUMMARY<TAB>LOCATION",
for the C test to compare; exits 1 with the reason on stderr."""
import sys

import icalendar


def fail(msg):
    print("ical_check: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    data = open(sys.argv[1], "rb").read()
    if not data.endswith(b"\r\n"):
        fail("the file does not end with CRLF")
    for i, line in enumerate(data.split(b"\r\n")[:-1], 1):
        if b"\n" in line or b"\r" in line:
            fail("line %d has a bare line break" % i)
        if len(line) > 75:
            fail("line %d has %d octets" % (i, len(line)))
        line.decode("utf-8")  # a fold never splits a character
    cal = icalendar.Calendar.from_ical(data)
    if str(cal.get("VERSION")) != "2.0" or not cal.get("PRODID"):
        fail("VERSION or PRODID missing")
    tzs = [c for c in cal.walk("VTIMEZONE") if str(c.get("TZID")) == "Europe/Berlin"]
    if not tzs:
        fail("no VTIMEZONE Europe/Berlin")
    for ev in cal.walk("VEVENT"):
        for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL"):
            if ev.get(prop) is None:
                fail("a VEVENT without " + prop)
        for prop in ("DTSTART", "DTEND"):
            if ev.get(prop).params.get("TZID") != "Europe/Berlin":
                fail(prop + " is not in Europe/Berlin")
        start = ev.decoded("DTSTART")
        if ev.decoded("DTEND") < start:
            fail("DTEND before DTSTART")
        print("\t".join([str(ev.get("UID")), str(ev.get("STATUS", "")), start.strftime("%Y-%m-%dT%H:%M"),
                         str(ev.get("SUMMARY")), str(ev.get("LOCATION", ""))]))


main()
