/* collect.c — the public collection at /umfrage/{code}: the survey's gate
 * (unknown, not yet open, closed, full), the welcome page and the start
 * of a response, one page per group with back and next, validation at the
 * question with the answers kept, the language switch mid-survey, the end,
 * and going on later with the resume code (kept in a cookie, and shown).
 *
 * What a respondent sends is saved page by page as soon as it is valid,
 * so nothing is lost by a back step, a validation error, a closed browser
 * or a server restart. */
#include "surveys/surveys_internal.h"
#include "auth/auth.h"
#include "core/core.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/ratelimit.h"
#include "html/layout.h"
#include "http/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How long the resume cookie lives: 60 days. */
#define RESUME_COOKIE_AGE (60L * 24 * 3600)

const char *survey_text_lang(struct req *r, const struct survey *sv)
{
	return survey_has_lang(sv, r->lang) ? r->lang : "de";
}

/* Today in Mainz, "YYYY-MM-DD". */
static void today(char out[11])
{
	time_t t = (time_t)core_now();
	t += layout_summer_time(t) ? 7200 : 3600;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static const char *cookie_name(struct req *r, const struct survey *sv)
{
	return arena_printf(r->a, "umfrage_%s", sv->code);
}

/* The survey of params[0] to collect; answers the gate's page itself
 * for an unknown one (-1). */
static int load(struct req *r, struct resp *w, struct survey *sv)
{
	int64_t id;
	const char *code = r->params[0];
	int rc = survey_code_valid(code, 1) ? survey_id_by_code(r->db, code, &id) : ST_NOTFOUND;
	if (rc == ST_OK)
		rc = survey_load(r->db, r->a, id, sv);
	if (rc == ST_OK && strcmp(sv->status, "draft") == 0)
		rc = ST_NOTFOUND;
	if (rc == ST_OK)
		return 0;
	w->no_store = 1;
	if (rc == ST_NOTFOUND)
		survey_view_gate(r, w, NULL, SG_UNKNOWN);
	else
		layout_error_page(r, w, resp_store_failed(r, w));
	return -1;
}

static enum survey_gate gate(struct req *r, const struct survey *sv, int *failed)
{
	char day[11];
	today(day);
	*failed = 0;
	if (strcmp(sv->status, "closed") == 0 || (sv->closes_on && strcmp(sv->closes_on, day) < 0))
		return SG_CLOSED;
	if (sv->opens_on && strcmp(sv->opens_on, day) > 0)
		return SG_NOT_YET;
	if (sv->response_limit > 0) {
		long all, done;
		if (survey_response_counts(r->db, sv->id, &all, &done) != ST_OK) {
			*failed = 1;
			return SG_CLOSED;
		}
		if (done >= sv->response_limit)
			return SG_FULL;
	}
	return SG_OPEN;
}

/* The response of the visitor's cookie (ST_NOTFOUND: none). */
static int current(struct req *r, const struct survey *sv, struct survey_response *resp, const char **code)
{
	*code = kv_get(&r->cookies, cookie_name(r, sv));
	if (!*code)
		return ST_NOTFOUND;
	return survey_response_by_code(r->db, r->a, sv->id, *code, resp);
}

/* The next (dir 1) or previous (-1) page shown after page from, or -1. */
static int next_page(const struct survey *sv, const struct survey_answers *as, int from, int dir)
{
	for (int p = from + dir; p >= 0 && (size_t)p < sv->npages; p += dir)
		if (survey_page_shown(sv, as, (size_t)p) && sv->pages[p].n > 0)
			return p;
	return -1;
}

/* The page to show for a response: its page, or the next one shown. */
static int page_to_show(const struct survey *sv, const struct survey_answers *as, int page)
{
	if (page < 0 || (size_t)page >= sv->npages)
		page = 0;
	if (survey_page_shown(sv, as, (size_t)page) && sv->pages[page].n > 0)
		return page;
	int p = next_page(sv, as, page, 1);
	return p >= 0 ? p : next_page(sv, as, page, -1);
}

static void show_page(struct req *r, struct resp *w, const struct survey *sv, const struct survey_answers *as,
		      int page, const char *const *errs, const int *own, const char *code)
{
	struct survey_page_view v = { .sv = sv, .page = (size_t)page, .as = as, .errs = errs, .own = own, .resume = code };
	v.first = next_page(sv, as, page, -1) < 0;
	v.last = next_page(sv, as, page, 1) < 0;
	for (size_t p = 0; p < sv->npages; p++)
		if (sv->pages[p].n > 0 && survey_page_shown(sv, as, p)) {
			v.steps++;
			if ((int)p <= page)
				v.step++;
		}
	auth_csrf_token(r, w);
	survey_view_page(r, w, &v);
}

void survey_public_page(struct req *r, struct resp *w)
{
	struct survey sv;
	w->no_store = 1;
	if (load(r, w, &sv) != 0)
		return;
	struct survey_response resp;
	const char *code;
	int rc = current(r, &sv, &resp, &code);
	if (rc == ST_ERR) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	if (rc == ST_OK && strcmp(resp.status, "complete") == 0) {
		survey_view_end(r, w, &sv);
		return;
	}
	int failed;
	enum survey_gate g = gate(r, &sv, &failed);
	if (failed) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	if (g != SG_OPEN && !(g == SG_FULL && rc == ST_OK)) {
		survey_view_gate(r, w, &sv, g);
		return;
	}
	if (rc != ST_OK) {
		auth_csrf_token(r, w);
		survey_view_welcome(r, w, &sv, NULL, NULL, 0);
		return;
	}
	struct survey_answers as;
	if (survey_response_answers(r->db, r->a, &sv, resp.id, &as) != ST_OK) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	int page = page_to_show(&sv, &as, resp.page);
	if (page < 0) { /* nothing left to show: the end */
		survey_view_end(r, w, &sv);
		return;
	}
	show_page(r, w, &sv, &as, page, NULL, NULL, code);
}

static void start(struct req *r, struct resp *w, const struct survey *sv)
{
	const char *invite = kv_get(&r->form, "einladung");
	char norm[32];
	size_t k = 0;
	for (const char *p = invite ? invite : ""; *p && k < sizeof(norm) - 1; p++)
		if (*p != ' ')
			norm[k++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	norm[k] = 0;
	int consent_err = sv->consent && !kv_get(&r->form, "einwilligung");
	if (consent_err || (sv->invitation && !k)) {
		w->status = 422;
		auth_csrf_token(r, w);
		survey_view_welcome(r, w, sv, consent_err ? NULL : T(r, "Bitte geben Sie Ihren Einladungscode ein."),
				    norm, consent_err);
		return;
	}
	if (sv->invitation) {
		int ic = survey_invite_check(r->db, sv->id, norm);
		if (ic != ST_OK) {
			if (ic == ST_ERR) {
				layout_error_page(r, w, resp_store_failed(r, w));
				return;
			}
			w->status = 422;
			auth_csrf_token(r, w);
			survey_view_welcome(r, w, sv,
					    ic == ST_CONFLICT ? T(r, "Mit diesem Einladungscode wurde schon geantwortet.")
							      : T(r, "Diesen Einladungscode kennen wir nicht. Bitte prüfen Sie ihn."),
					    norm, 0);
			return;
		}
	}
	char code[SURVEY_RESUME_LEN + 1];
	int64_t rid;
	int rc = survey_response_start(r->db, sv, survey_text_lang(r, sv), sv->invitation ? norm : NULL, code, &rid);
	if (rc == ST_CONFLICT) {
		w->status = 422;
		auth_csrf_token(r, w);
		survey_view_welcome(r, w, sv, T(r, "Mit diesem Einladungscode wurde schon geantwortet."), norm, 0);
		return;
	}
	if (rc != ST_OK) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	resp_cookie(r, w, cookie_name(r, sv), code, RESUME_COOKIE_AGE);
	resp_redirect(r, w, arena_printf(r->a, "/umfrage/%s", sv->code));
}

/* Is v one of q's option codes (or "other" when q has it)? */
static int is_option(const struct survey_question *q, const char *v)
{
	return survey_option_index(q, 0, v) >= 0 || (q->other && strcmp(v, "other") == 0);
}

/* Read the answers of the page's questions from the form into as (their
 * old values replaced). Values that are not one of the offered choices
 * are dropped; text is kept as typed. */
static void read_page(struct req *r, const struct survey *sv, size_t page, struct survey_answers *as)
{
	const struct survey_page *pg = &sv->pages[page];
	for (size_t qi = pg->first; qi < pg->first + pg->n; qi++) {
		const struct survey_question *q = &sv->qs[qi];
		survey_answer_clear(as, qi);
		const char *name = arena_printf(r->a, "q-%s", q->code);
		const char *v = kv_get(&r->form, name);
		switch (q->type) {
		case SQ_SINGLE:
		case SQ_DROPDOWN:
			if (v && is_option(q, v))
				survey_answer_set(r->a, as, qi, "", v);
			if (q->other) {
				const char *o = kv_get(&r->form, arena_printf(r->a, "q-%s-other", q->code));
				if (o && *o && v && strcmp(v, "other") == 0)
					survey_answer_set(r->a, as, qi, "other", o);
			}
			break;
		case SQ_YESNO:
			if (v && (strcmp(v, "Y") == 0 || strcmp(v, "N") == 0))
				survey_answer_set(r->a, as, qi, "", v);
			break;
		case SQ_MULTIPLE:
			for (size_t i = 0; i < r->form.n; i++)
				if (strcmp(r->form.items[i].key, name) == 0 && survey_option_index(q, 0, r->form.items[i].val) >= 0)
					survey_answer_set(r->a, as, qi, r->form.items[i].val, "Y");
			if (q->other) {
				const char *o = kv_get(&r->form, arena_printf(r->a, "q-%s-other", q->code));
				if (o && *o)
					survey_answer_set(r->a, as, qi, "other", o);
			}
			break;
		case SQ_ARRAY:
			for (size_t s = 0; s < q->nsubs; s++) {
				const char *sv2 = kv_get(&r->form, arena_printf(r->a, "q-%s-%s", q->code, q->subs[s].code));
				if (sv2 && survey_option_index(q, 0, sv2) >= 0)
					survey_answer_set(r->a, as, qi, q->subs[s].code, sv2);
			}
			break;
		case SQ_RANKING: {
			size_t rank = 0;
			for (size_t s = 0; s < q->nopts; s++) {
				const char *c = kv_get(&r->form, arena_printf(r->a, "q-%s-%zu", q->code, s + 1));
				if (c && survey_option_index(q, 0, c) >= 0) {
					int dup = 0;
					for (size_t k = 0; k < rank; k++)
						dup |= strcmp(survey_answer_get(as, qi, arena_printf(r->a, "%zu", k + 1)), c) == 0;
					if (!dup) {
						rank++;
						survey_answer_set(r->a, as, qi, arena_printf(r->a, "%zu", rank), c);
					}
				}
			}
			break;
		}
		case SQ_NUMBER:
		case SQ_TEXT:
		case SQ_LONGTEXT:
		case SQ_DATE:
			if (v) {
				const char *t = v;
				size_t len = form_trim(&t, strlen(v));
				if (len && utf8_count(t, len) >= 0 && len <= 20000)
					survey_answer_set(r->a, as, qi, "", arena_strndup(r->a, t, len));
			}
			break;
		case SQ_DISPLAY:
		case SQ__COUNT:
			break;
		}
	}
}

/* The answers to save: those of hidden questions and those in error
 * are left out (the page shows what was entered all the same). */
static void keep_valid(const struct survey *sv, const struct survey_answers *in, struct survey_answers *out,
		       const char *const *errs, size_t first, size_t n, arena *a)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < in->n; i++) {
		size_t q = in->v[i].q;
		if (q >= first && q < first + n && errs && errs[q - first])
			continue;
		survey_answer_set(a, out, q, in->v[i].part, in->v[i].value);
	}
}

void survey_public_post(struct req *r, struct resp *w)
{
	struct survey sv;
	w->no_store = 1;
	if (load(r, w, &sv) != 0)
		return;
	const char *back = arena_printf(r->a, "/umfrage/%s", sv.code);
	struct survey_response resp;
	const char *code;
	int rc = current(r, &sv, &resp, &code);
	if (rc == ST_ERR) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	const char *action = kv_get(&r->form, "aktion");
	if (rc != ST_OK) {
		int failed;
		enum survey_gate g = gate(r, &sv, &failed);
		if (failed)
			layout_error_page(r, w, resp_store_failed(r, w));
		else if (g != SG_OPEN)
			survey_view_gate(r, w, &sv, g);
		else if (action && strcmp(action, "start") == 0)
			start(r, w, &sv);
		else
			resp_redirect(r, w, back);
		return;
	}
	if (strcmp(resp.status, "complete") == 0 || strcmp(sv.status, "closed") == 0) {
		resp_redirect(r, w, back);
		return;
	}
	struct survey_answers as;
	if (survey_response_answers(r->db, r->a, &sv, resp.id, &as) != ST_OK) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	const char *ps = kv_get(&r->form, "seite");
	int page = ps ? atoi(ps) : -1;
	if (page < 0 || (size_t)page >= sv.npages) {
		resp_redirect(r, w, back);
		return;
	}
	const struct survey_page *pg = &sv.pages[page];
	read_page(r, &sv, (size_t)page, &as);
	const char **errs = arena_alloc(r->a, (pg->n + 1) * sizeof(*errs));
	int *own = arena_alloc(r->a, (pg->n + 1) * sizeof(*own));
	int nerr = 0;
	for (size_t i = 0; i < pg->n; i++) {
		size_t qi = pg->first + i;
		if (!survey_question_shown(&sv, &as, qi))
			continue;
		errs[i] = survey_answer_problem(&sv, &as, qi, survey_text_lang(r, &sv), &own[i]);
		nerr += errs[i] != NULL;
	}
	int going_on = !action || strcmp(action, "weiter") == 0;
	/* what is valid is saved now, whatever the button */
	struct survey_answers keep;
	keep_valid(&sv, &as, &keep, errs, pg->first, pg->n, r->a);
	for (size_t i = 0; i < pg->n; i++) /* hidden questions keep no answers */
		if (!survey_question_shown(&sv, &keep, pg->first + i))
			survey_answer_clear(&keep, pg->first + i);
	int to = page, done = 0;
	const char *lang = resp.lang;
	if (action && strcmp(action, "zurueck") == 0) {
		int p = next_page(&sv, &keep, page, -1);
		to = p >= 0 ? p : page;
	} else if (action && strcmp(action, "sprache") == 0) {
		const char *l = i18n_lang(kv_get(&r->form, "sprache"));
		if (l && survey_has_lang(&sv, l))
			lang = l;
	} else if (going_on && !nerr) {
		int p = next_page(&sv, &keep, page, 1);
		if (p >= 0)
			to = p;
		else
			done = 1;
	}
	rc = survey_response_save(r->db, &sv, resp.id, &keep, pg->first, pg->n, to, lang, done);
	if (rc != ST_OK) {
		resp_store_failed(r, w);
		show_page(r, w, &sv, &as, page, errs, own, code);
		return;
	}
	int64_t draft;
	if (done && strcmp(sv.kind, "offers") == 0 && survey_offer_draft(r->db, r->a, &sv, resp.id, &draft) == ST_ERR)
		log_error("survey %s: response %lld: the draft offer could not be stored", sv.code,
			(long long)resp.id); /* the response itself is kept */
	if (going_on && nerr) {
		w->status = 422;
		show_page(r, w, &sv, &as, page, errs, own, code);
		return;
	}
	if (action && strcmp(action, "sprache") == 0 && lang != resp.lang) {
		resp_redirect(r, w, html_url(r->a, back, "lang", lang, NULL));
		return;
	}
	resp_redirect(r, w, back);
}

void survey_public_resume(struct req *r, struct resp *w)
{
	struct survey sv;
	w->no_store = 1;
	if (load(r, w, &sv) != 0)
		return;
	auth_csrf_token(r, w);
	survey_view_resume(r, w, &sv, NULL);
}

/* Wrong resume codes per client address: 10 in 10 minutes, then none is
 * tried (a code has 32^16 values; this keeps guessing from being cheap). */
static struct ratelimit wrong_resume = RATELIMIT_INIT(10, 600);

void survey_public_resume_post(struct req *r, struct resp *w)
{
	struct survey sv;
	w->no_store = 1;
	if (load(r, w, &sv) != 0)
		return;
	int64_t now = core_now();
	if (ratelimit_exceeded(&wrong_resume, r->client, now)) {
		w->status = 429;
		auth_csrf_token(r, w);
		survey_view_resume(r, w, &sv,
				   T(r, "Von hier kamen in kurzer Zeit viele falsche Codes. Bitte warten Sie zehn Minuten "
					"und versuchen Sie es dann noch einmal."));
		return;
	}
	const char *code = kv_get(&r->form, "code");
	struct survey_response resp;
	int rc = code ? survey_response_by_code(r->db, r->a, sv.id, code, &resp) : ST_NOTFOUND;
	if (rc == ST_ERR) {
		layout_error_page(r, w, resp_store_failed(r, w));
		return;
	}
	if (rc != ST_OK) {
		ratelimit_hit(&wrong_resume, r->client, now);
		w->status = 422;
		auth_csrf_token(r, w);
		survey_view_resume(r, w, &sv, T(r, "Zu diesem Code gibt es keine Antworten. Bitte prüfen Sie ihn."));
		return;
	}
	/* the cookie holds the code in its canonical form */
	char canon[SURVEY_RESUME_LEN + 1];
	size_t k = 0, n = 0;
	for (const char *p = code; *p && k < SURVEY_RESUME_LEN; p++) {
		char c = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
		if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '9')))
			continue;
		if (n && n % 4 == 0)
			canon[k++] = '-';
		canon[k++] = c;
		n++;
	}
	canon[k] = 0;
	resp_cookie(r, w, cookie_name(r, &sv), canon, RESUME_COOKIE_AGE);
	resp_redirect(r, w, html_url(r->a, arena_printf(r->a, "/umfrage/%s", sv.code), "lang", resp.lang, NULL));
}
