/* log.h — the server's log lines on stderr.
 *
 * Never pass personal data (names, e-mail addresses, message text, query
 * strings) to these functions. */
#ifndef LOTSE_LOG_H
#define LOTSE_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The request log's line "METHOD PATH STATUS 12.3ms[ (aborted)]" (us:
 * the request's time in microseconds), as log_info writes lines, without
 * printf: the time of day is formatted once per second and thread. */
void log_request(const char *method, const char *path, int status, long long us, int aborted);

/* Silence log_info (tests and CLI tools that want quiet output). */
void log_set_quiet(int quiet);

#endif
