# nginx.sh — sourced by the finder benchmarks: nginx as the yardstick.
#
#   nginx_static PORT   serve $TMP/www/finder.html for every address on
#                       127.0.0.1:PORT (2 workers, no access log), in the
#                       background; sets NPID. The caller kills it.
nginx_static() {
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
}
