/* harness_group.c — a test program's start: the binary under test from
 * its argument, and one real server per cmocka group: started with its
 * signed-in agents, the accounts a group needs added, stopped with
 * everything it was given (see harness.h, "one server per group"). */
#include "harness.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

/* Remember ag so that harness_group_teardown frees it; -1 when the seats
 * are full (a test with more agents than that is a mistake). */
static int seat(struct server *s, struct agent *ag)
{
	if (s->n_seated >= HARNESS_SEATS) {
		fprintf(stderr, "harness: more than %d agents on one server\n", HARNESS_SEATS);
		return -1;
	}
	s->seated[s->n_seated++] = ag;
	return 0;
}

int harness_args(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s PATH-TO-LOTSE\n", argv[0]);
		return -1;
	}
	harness_bin = argv[1];
	return 0;
}

int harness_group_setup(struct server *s, const char *extra_env, ...)
{
	int rc = server_start(s, extra_env) == 0 ? 0 : -1;
	va_list ap;
	va_start(ap, extra_env);
	for (struct agent *ag; rc == 0 && (ag = va_arg(ap, struct agent *));) {
		int role = va_arg(ap, int);
		if (agent_init(ag) != 0 || seat(s, ag) != 0)
			rc = -1;
		else if (role != DEMO__COUNT && agent_login_as(s, ag, (enum demo_role)role) != 303)
			rc = -1;
	}
	va_end(ap);
	/* whether cmocka runs the group teardown after a failed setup or not,
	 * nothing of the group stays */
	if (rc != 0)
		harness_group_teardown(s, NULL);
	return rc;
}

int harness_group_teardown(struct server *s, ...)
{
	/* agent_free is safe twice: an agent both seated and named here */
	for (int i = 0; i < s->n_seated; i++)
		agent_free(s->seated[i]);
	s->n_seated = 0;
	va_list ap;
	va_start(ap, s);
	for (struct agent *ag; (ag = va_arg(ap, struct agent *));)
		agent_free(ag);
	va_end(ap);
	/* a server the test stopped itself (or that never started) has only
	 * its folder left */
	int rc = s->pid > 0 ? server_stop(s) : 0;
	if (rc != 0) {
		/* the server did not end cleanly (a sanitizer report?): show its log */
		fprintf(stderr, "server exit status %d; its log:\n", rc);
		FILE *f = fopen(s->log, "r");
		char line[1024];
		while (f && fgets(line, sizeof(line), f))
			fputs(line, stderr);
		if (f)
			fclose(f);
	}
	server_cleanup(s);
	return rc == 0 ? 0 : -1;
}

int harness_user_add(const struct server *s, const char *email, const char *password, const char *name, ...)
{
	const char *argv[32] = { NULL, "user", "add", "--db", s->db, "--email", email };
	int n = 7;
	if (name) {
		argv[n++] = "--name";
		argv[n++] = name;
	}
	va_list ap;
	va_start(ap, name);
	for (const char *role; (role = va_arg(ap, const char *)) && n < 29;) {
		argv[n++] = "--role";
		argv[n++] = role;
	}
	va_end(ap);
	argv[n++] = "--password-stdin";
	argv[n] = NULL;
	char input[256];
	snprintf(input, sizeof(input), "%s\n", password);
	buf out;
	buf_init(&out, 0);
	int rc = run_lotse_argv(input, &out, argv);
	if (rc != 0)
		fprintf(stderr, "lotse user add %s: %s\n", email, buf_str(&out));
	buf_free(&out);
	return rc == 0 ? 0 : -1;
}

int harness_sign_in(struct server *s, struct agent *ag, const char *email, const char *password)
{
	if (agent_init(ag) != 0 || seat(s, ag) != 0)
		return -1;
	long status = agent_login(s, ag, email, password);
	if (status != 303) {
		fprintf(stderr, "harness: signing in as %s gave %ld\n", email, status);
		return -1;
	}
	return 0;
}

int harness_sign_in_new(struct server *s, struct agent *ag, const char *email, const char *password,
			const char *name, const char *role)
{
	if (harness_user_add(s, email, password, name, role, NULL) != 0)
		return -1;
	return harness_sign_in(s, ag, email, password);
}
