# nginx.sh — sourced by the finder benchmarks: nginx as the yardstick.
#
#   nginx_static PORT   serve $TMP/www/finder.html for every address on
#                       127.0.0.1:PORT (2 workers, no access log), in the
#                       background; sets NPID. The caller kills it.
#                       Stops the benchmark when nginx does not answer 200
#                       with that page (run as root, its workers are
#                       nobody: $TMP from mktemp -d must be opened to them,
#                       or every request is a quick 404 and the yardstick
#                       is wrong).
nginx_static() {
	chmod 755 "$TMP" "$TMP/www"
	chmod 644 "$TMP/www/finder.html"
	cat >"$TMP/nginx.conf" <<NGINX
worker_processes 2;
pid $TMP/nginx.pid;
error_log $TMP/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	server {
		listen 127.0.0.1:$1;
		root $TMP/www;
		location / { try_files /finder.html =404; default_type text/html; }
	}
}
NGINX
	nginx -c "$TMP/nginx.conf" -p "$TMP" -g 'daemon off;' 2>"$TMP/nginx.out" &
	NPID=$!
	sleep 0.5
	if ! curl -sf -o /dev/null "http://127.0.0.1:$1/"; then
		echo "nginx does not serve $TMP/www/finder.html on port $1" >&2
		exit 1
	fi
}
