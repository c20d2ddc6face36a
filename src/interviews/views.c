/* views.c — HTML of projects: the list of one's projects with the forms
 * for a new one and an import, a project's page (documents, codebook,
 * members, memos, the ways to retrieval and exchange), the form of a new
 * document, a code's page (edit, move, merge), and the stylesheet of a
 * codebook's colours. */
#include "interviews/iv_internal.h"
#include "core/core.h"
#include "core/i18n.h"
#include "html/fields.h"
#include "html/layout.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *kind_text(struct req *r, const char *kind)
{
	return strcmp(kind, "expert") == 0 ? T(r, "Expertengespräch") : T(r, "Interview");
}

void iv_view_projects(struct req *r, struct resp *w, const struct iv_list_view *v)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Interviews und Expertengespräche"));
	fields_notice(&h, v->notice);
	if (v->report && *v->report) {
		html_elem(&h, "h2", T(r, "Was beim Import nicht übernommen wurde"), NULL);
		layout_lines(&h, r, v->report);
	}
	if (v->n == 0) {
		html_elem(&h, "p", T(r, "Sie sind noch in keinem Projekt Mitglied."), NULL);
	} else {
		const char *const heads[] = { T(r, "Projekt"), T(r, "Dokumente"), T(r, "Codes"), T(r, "Kodierungen") };
		layout_table_begin(&h, r, "projekte-caption", T(r, "Ihre Projekte"), heads, NELEM(heads));
		for (size_t i = 0; i < v->n; i++) {
			const struct iv_project *p = &v->projects[i];
			html_open(&h, "tr", NULL);
			html_open(&h, "td", NULL);
			html_elem(&h, "a", p->name, "href", iv_path(r, p->id, NULL), NULL);
			html_close(&h, "td");
			html_elem(&h, "td", arena_printf(r->a, "%ld", p->ndocs), NULL);
			html_elem(&h, "td", arena_printf(r->a, "%ld", p->ncodes), NULL);
			html_elem(&h, "td", arena_printf(r->a, "%ld", p->ncodings), NULL);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}

	html_elem(&h, "h2", T(r, "Neues Projekt"), "id", "neu", NULL);
	const char *const labels[PF__MAX] = { T(r, "Name"), T(r, "Beschreibung") };
	fields_summary(&h, r, iv_project_fields, v->f, labels);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/interviews/neu", "novalidate", "",
		  NULL);
	fields_csrf(&h, r);
	struct fields_in in = fields_of(&iv_project_fields[PF_NAME], v->f ? v->f->val[PF_NAME] : NULL,
					v->f ? v->f->err[PF_NAME] : NULL);
	in.label = labels[PF_NAME];
	fields_input(&h, r, &in);
	in = fields_of(&iv_project_fields[PF_DESC], v->f ? v->f->val[PF_DESC] : NULL, v->f ? v->f->err[PF_DESC] : NULL);
	in.label = labels[PF_DESC];
	in.hint = T(r, "Fragestellung, Zeitraum, wer befragt wird.");
	fields_textarea(&h, r, &in);
	html_elem(&h, "button", T(r, "Projekt anlegen"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");

	html_elem(&h, "h2", T(r, "Projekt aus einem anderen QDA-Programm übernehmen"), "id", "import", NULL);
	html_elem(&h, "p",
		  T(r, "Eine REFI-QDA-Datei: ein ganzes Projekt (.qdpx, etwa aus MAXQDA, ATLAS.ti, NVivo oder "
		       "QualCoder) oder ein Codebuch (.qdc). Daraus wird ein neues Projekt; aus einer fehlerhaften "
		       "Datei wird nichts gespeichert."),
		  NULL);
	if (v->import_err)
		fields_alert(&h, v->import_err);
	html_open(&h, "form", "class", "form", "method", "post", "action", "/intern/interviews/import", "enctype",
		  "multipart/form-data", "novalidate", "", NULL);
	fields_csrf(&h, r);
	struct fields_in file = { .name = "file", .label = T(r, "Datei (.qdpx oder .qdc)"), .type = "file",
				  .accept = ".qdpx,.qdc", .required = 1, .err = v->import_err };
	fields_input(&h, r, &file);
	html_elem(&h, "button", T(r, "Importieren"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

/* A code's memo beside it in the codebook, folded: its text, and a form
 * to write, change or delete it (works without JavaScript). */
static void code_memo(html *h, struct req *r, const struct iv_project *p, const struct iv_code *c)
{
	html_open(h, "details", "class", "iv-code-memo", NULL);
	html_elem(h, "summary", *c->memo ? T(r, "Memo") : T(r, "Memo schreiben"), NULL);
	if (*c->memo)
		layout_lines(h, r, c->memo);
	html_open(h, "form", "method", "post", "class", "form", "action",
		  iv_path(r, p->id, arena_printf(r->a, "/codes/%" PRId64 "/memo", c->id)), NULL);
	fields_csrf(h, r);
	struct fields_in in = { .name = "text", .id = arena_printf(r->a, "f-code-memo-%" PRId64, c->id),
				.label = i18n_fill(r->a, T(r, "Memo zu „{1}“"), c->name, NULL), .value = c->memo,
				.maxlen = 20000, .rows = 3 };
	fields_textarea(h, r, &in);
	html_elem(h, "button", T(r, "Memo speichern"), "type", "submit", "class", "button secondary", NULL);
	if (*c->memo)
		html_elem(h, "button", T(r, "Memo löschen"), "type", "submit", "name", "loeschen", "value", "1", "class",
			  "button secondary", NULL);
	html_close(h, "form");
	html_close(h, "details");
}

/* The codebook as a nested list: colour, name, description, count, memo. */
static void codebook(html *h, struct req *r, const struct iv_project *p, const struct iv_code *codes, size_t n)
{
	if (n == 0) {
		html_elem(h, "p", T(r, "Das Codebuch ist noch leer."), NULL);
		return;
	}
	html_open(h, "ul", "class", "iv-codebook", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "li", "id", arena_printf(r->a, "code-%" PRId64, codes[i].id), NULL);
		html_elem(h, "span", "", "class", arena_printf(r->a, "iv-swatch iv-c-%" PRId64, codes[i].id), "aria-hidden",
			  "true", NULL);
		html_elem(h, "a", codes[i].name, "href", iv_path(r, p->id, arena_printf(r->a, "/codes/%" PRId64, codes[i].id)),
			  NULL);
		html_text(h, " ");
		html_elem(h, "span", i18n_fill(r->a, TN(r, "{1} Kodierung", "{1} Kodierungen", (unsigned long)codes[i].ncodings),
					       arena_printf(r->a, "%ld", codes[i].ncodings), NULL),
			  "class", "iv-count", NULL);
		html_text(h, " ");
		html_elem(h, "a", T(r, "Segmente"), "href",
			  html_url(r->a, iv_path(r, p->id, "/segmente"), "code", iv_id(r, codes[i].id), "sub", "1", NULL),
			  "class", "iv-small", NULL);
		if (*codes[i].description)
			html_elem(h, "p", codes[i].description, "class", "iv-desc", NULL);
		code_memo(h, r, p, &codes[i]);
		/* a sub-code's list inside its parent's item; tree order goes
		 * down one level at a time */
		int next = i + 1 < n ? codes[i + 1].depth : 0;
		if (next > codes[i].depth) {
			html_open(h, "ul", NULL);
			continue;
		}
		html_close(h, "li");
		for (int d = codes[i].depth; d > next; d--) {
			html_close(h, "ul");
			html_close(h, "li");
		}
	}
	html_close(h, "ul");
}

/* The form of a new code (f: with errors, or NULL). */
static void code_form(html *h, struct req *r, const struct iv_project *p, const struct iv_code *codes, size_t n,
		      const struct form *f, const struct iv_code *c)
{
	const char *const labels[CF__MAX] = { T(r, "Name"), T(r, "Obercode"), T(r, "Farbe"), T(r, "Beschreibung"),
					      T(r, "Memo") };
	fields_summary(h, r, iv_code_fields, f, labels);
	html_open(h, "form", "class", "form", "method", "post", "action",
		  iv_path(r, p->id, c ? arena_printf(r->a, "/codes/%" PRId64, c->id) : "/codes"), "novalidate", "", NULL);
	fields_csrf(h, r);
	struct fields_in in = fields_of(&iv_code_fields[CF_NAME], f ? f->val[CF_NAME] : c ? c->name : NULL,
					f ? f->err[CF_NAME] : NULL);
	in.label = labels[CF_NAME];
	fields_input(h, r, &in);
	const char **ids, **names;
	size_t k;
	iv_code_options(r, codes, n, c ? c->id : 0, &ids, &names, &k);
	in = fields_of(&iv_code_fields[CF_PARENT],
		       f ? f->val[CF_PARENT] : c && c->parent_id ? iv_id(r, c->parent_id) : NULL,
		       f ? f->err[CF_PARENT] : NULL);
	in.label = labels[CF_PARENT];
	in.hint = T(r, "Unter welchem Code dieser steht; so wird ein Code auch verschoben.");
	fields_select(h, r, &in, T(r, "(oberste Ebene)"), ids, names, k);
	in = fields_of(&iv_code_fields[CF_COLOR], f ? f->val[CF_COLOR] : c ? c->color : "#ffd866",
		       f ? f->err[CF_COLOR] : NULL);
	in.label = labels[CF_COLOR];
	in.type = "color";
	fields_input(h, r, &in);
	in = fields_of(&iv_code_fields[CF_DESC], f ? f->val[CF_DESC] : c ? c->description : NULL,
		       f ? f->err[CF_DESC] : NULL);
	in.label = labels[CF_DESC];
	in.hint = T(r, "Wann der Code vergeben wird (Kodierregel), mit einem Beispiel.");
	fields_textarea(h, r, &in);
	if (c) {
		in = fields_of(&iv_code_fields[CF_MEMO], f ? f->val[CF_MEMO] : c->memo, f ? f->err[CF_MEMO] : NULL);
		in.label = labels[CF_MEMO];
		fields_textarea(h, r, &in);
	}
	html_elem(h, "button", c ? T(r, "Code speichern") : T(r, "Code anlegen"), "type", "submit", "class", "button",
		  NULL);
	html_close(h, "form");
}

static void memo_list(html *h, struct req *r, const struct iv_memo *m, size_t n, int64_t doc_id)
{
	html_open(h, "ul", "class", "iv-memos", NULL);
	for (size_t i = 0; i < n; i++) {
		if (m[i].doc_id != doc_id || m[i].code_id || m[i].coding_id)
			continue;
		html_open(h, "li", NULL);
		layout_lines(h, r, m[i].text);
		html_elem(h, "p", arena_printf(r->a, "%s, %s", m[i].coder, layout_time(r, m[i].created_at)), "class",
			  "iv-small", NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
}

/* The memos of the project (doc_id 0) or of a document, and the form to add one. */
void iv_view_memos(html *h, struct req *r, const struct iv_project *p, const struct iv_memo *m, size_t n,
		   int64_t doc_id)
{
	html_elem(h, "h2", T(r, "Memos"), "id", "memos", NULL);
	memo_list(h, r, m, n, doc_id);
	html_open(h, "form", "class", "form", "method", "post", "action", iv_path(r, p->id, "/memos"), NULL);
	fields_csrf(h, r);
	if (doc_id)
		html_void(h, "input", "type", "hidden", "name", "doc", "value", iv_id(r, doc_id), NULL);
	struct fields_in in = { .name = "text", .id = "f-memo", .label = T(r, "Neues Memo"), .maxlen = 20000, .rows = 3 };
	fields_textarea(h, r, &in);
	html_elem(h, "button", T(r, "Memo speichern"), "type", "submit", "class", "button secondary", NULL);
	html_close(h, "form");
}

void iv_view_project(struct req *r, struct resp *w, const struct iv_project_view *v)
{
	html h = html_on(&w->body);
	const struct iv_project *p = v->p;
	struct page_meta m = { .title = p->name, .staff = 1, .noindex = 1, .style = iv_path(r, p->id, "/farben.css") };
	layout_begin(&h, r, &m);
	fields_notice(&h, v->notice);
	if (*p->description)
		layout_lines(&h, r, p->description);
	html_open(&h, "nav", "class", "iv-tools", "aria-label", T(r, "Auswertung und Austausch"), NULL);
	html_open(&h, "ul", NULL);
	static const struct {
		const char *path, *label;
	} tools[] = {
		{ "/segmente", N_("Segmente eines Codes") },	{ "/matrix", N_("Codes nach Gruppen") },
		{ "/ueberschneidungen", N_("Überschneidungen") }, { "/suche", N_("Volltextsuche") },
		{ "/uebereinstimmung", N_("Übereinstimmung der Kodierenden") },
		{ "/projekt.qdpx", N_("Projekt exportieren (REFI-QDA)") }, { "/codebuch.qdc", N_("Codebuch exportieren") },
		{ "/begriffe", N_("Begriffe des Verzeichnisses") }, { "/sets", N_("Code-Sets") },
	};
	for (size_t i = 0; i < NELEM(tools); i++) {
		html_li_link(&h, T(r, tools[i].label), iv_path(r, p->id, tools[i].path));
	}
	html_close(&h, "ul");
	html_close(&h, "nav");

	html_elem(&h, "h2", T(r, "Dokumente"), "id", "dokumente", NULL);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Dokument hinzufügen"), "class", "button", "href", iv_path(r, p->id, "/dokumente/neu"),
		  NULL);
	html_close(&h, "p");
	if (v->ndocs) {
		const char *const heads[] = { T(r, "Dokument"), T(r, "Art"), T(r, "Zeichen"), T(r, "Kodierungen") };
		layout_table_begin(&h, r, "dokumente-caption", T(r, "Dokumente des Projekts"), heads, NELEM(heads));
		for (size_t i = 0; i < v->ndocs; i++) {
			const struct iv_doc *d = &v->docs[i];
			html_open(&h, "tr", NULL);
			html_open(&h, "td", NULL);
			html_elem(&h, "a", d->name, "href", iv_path(r, p->id, arena_printf(r->a, "/dokumente/%" PRId64, d->id)),
				  NULL);
			html_close(&h, "td");
			html_elem(&h, "td", kind_text(r, d->kind), NULL);
			html_elem(&h, "td", arena_printf(r->a, "%ld", d->nchars), NULL);
			html_elem(&h, "td", arena_printf(r->a, "%ld", d->ncodings), NULL);
			html_close(&h, "tr");
		}
		layout_table_end(&h);
	}

	html_elem(&h, "h2", T(r, "Fälle"), "id", "faelle", NULL);
	if (v->ncases == 0) {
		html_elem(&h, "p", T(r, "Noch kein Fall. Ein Fall fasst die Dokumente einer Person oder Organisation zusammen."),
			  NULL);
	} else {
		html_open(&h, "ul", NULL);
		for (size_t i = 0; i < v->ncases; i++) {
			html_open(&h, "li", NULL);
			html_elem(&h, "a", v->cases[i].name, "href",
				  iv_path(r, p->id, arena_printf(r->a, "/faelle/%" PRId64, v->cases[i].id)), NULL);
			html_text(&h, " · ");
			html_text(&h, i18n_fill(r->a, TN(r, "{1} Dokument", "{1} Dokumente", (unsigned long)v->cases[i].ndocs),
						arena_printf(r->a, "%zu", v->cases[i].ndocs), NULL));
			html_close(&h, "li");
		}
		html_close(&h, "ul");
	}
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Fälle bearbeiten"), "href", iv_path(r, p->id, "/faelle"), NULL);
	html_close(&h, "p");

	html_elem(&h, "h2", T(r, "Codebuch"), "id", "codebuch", NULL);
	codebook(&h, r, p, v->codes, v->ncodes);
	html_elem(&h, "h3", T(r, "Neuer Code"), NULL);
	code_form(&h, r, p, v->codes, v->ncodes, v->code_form, NULL);

	html_elem(&h, "h2", T(r, "Mitglieder"), "id", "mitglieder", NULL);
	html_elem(&h, "p", T(r, "Nur Mitglieder sehen das Projekt und seine Dokumente."), NULL);
	html_open(&h, "ul", NULL);
	for (size_t i = 0; i < v->nmembers; i++) {
		html_open(&h, "li", NULL);
		html_elem(&h, "bdi", *v->members[i].name ? v->members[i].name : v->members[i].email, NULL);
		html_close(&h, "li");
	}
	html_close(&h, "ul");
	const char *const mlabels[MF__MAX] = { T(r, "E-Mail-Adresse") };
	fields_summary(&h, r, iv_member_fields, v->member_form, mlabels);
	html_open(&h, "form", "class", "form", "method", "post", "action", iv_path(r, p->id, "/mitglieder"), "novalidate",
		  "", NULL);
	fields_csrf(&h, r);
	struct fields_in in = fields_of(&iv_member_fields[MF_EMAIL], v->member_form ? v->member_form->val[MF_EMAIL] : NULL,
					v->member_form ? v->member_form->err[MF_EMAIL] : NULL);
	in.label = mlabels[MF_EMAIL];
	in.hint = T(r, "Das Konto einer Person mit der Rolle Forschung.");
	in.type = "email";
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Mitglied hinzufügen"), "type", "submit", "class", "button secondary", NULL);
	html_close(&h, "form");
	iv_view_memos(&h, r, p, v->memos, v->nmemos, 0);
	layout_end(&h, r);
}

void iv_view_doc_new(struct req *r, struct resp *w, const struct iv_project *p, const struct form *f,
		     const char *file_err)
{
	html h = html_on(&w->body);
	layout_staff_begin(&h, r, T(r, "Dokument hinzufügen"));
	html_open(&h, "p", NULL);
	html_elem(&h, "a", p->name, "href", iv_path(r, p->id, NULL), NULL);
	html_close(&h, "p");
	const char *const labels[DF__MAX] = { T(r, "Name"), T(r, "Art"), T(r, "Text einfügen"), T(r, "Datum des Gesprächs"),
					      T(r, "Teilnehmende"), T(r, "Thema") };
	fields_summary(&h, r, iv_doc_fields, f, labels);
	if (file_err)
		fields_alert(&h, T(r, file_err));
	html_open(&h, "form", "class", "form", "method", "post", "action", iv_path(r, p->id, "/dokumente/neu"), "enctype",
		  "multipart/form-data", "novalidate", "", NULL);
	fields_csrf(&h, r);
	struct fields_in in = fields_of(&iv_doc_fields[DF_NAME], f ? f->val[DF_NAME] : NULL, f ? f->err[DF_NAME] : NULL);
	in.label = labels[DF_NAME];
	in.hint = T(r, "Ein Pseudonym, kein Klarname: etwa „Interview 07, Jugendliche“.");
	fields_input(&h, r, &in);
	const char *kl[] = { T(r, "Interview"), T(r, "Expertengespräch") };
	in = fields_of(&iv_doc_fields[DF_KIND], f ? f->val[DF_KIND] : "interview", f ? f->err[DF_KIND] : NULL);
	in.label = labels[DF_KIND];
	fields_select(&h, r, &in, NULL, iv_kinds, kl, 2);
	struct fields_in file = { .name = "file", .label = T(r, "Datei (.txt, .docx oder .odt)"), .type = "file",
				  .accept = ".txt,.docx,.odt,text/plain", .err = file_err,
				  .hint = T(r, "Sprecherangaben wie „I:“ und „B:“ und Zeitmarken wie [00:12:31] werden "
					       "erkannt. Textdateien in UTF-8 oder Windows-1252.") };
	fields_input(&h, r, &file);
	in = fields_of(&iv_doc_fields[DF_TEXT], f ? f->val[DF_TEXT] : NULL, f ? f->err[DF_TEXT] : NULL);
	in.label = labels[DF_TEXT];
	in.hint = T(r, "Statt einer Datei: den Text des Transkripts hier einfügen.");
	in.rows = 10;
	fields_textarea(&h, r, &in);
	html_elem(&h, "h2", T(r, "Bei Expertengesprächen"), NULL);
	in = fields_of(&iv_doc_fields[DF_DATE], f ? f->val[DF_DATE] : NULL, f ? f->err[DF_DATE] : NULL);
	in.label = labels[DF_DATE];
	in.type = "date";
	fields_input(&h, r, &in);
	in = fields_of(&iv_doc_fields[DF_PARTICIPANTS], f ? f->val[DF_PARTICIPANTS] : NULL,
		       f ? f->err[DF_PARTICIPANTS] : NULL);
	in.label = labels[DF_PARTICIPANTS];
	in.hint = T(r, "Eine Person je Zeile: Name, Organisation, Rolle.");
	fields_textarea(&h, r, &in);
	in = fields_of(&iv_doc_fields[DF_TOPIC], f ? f->val[DF_TOPIC] : NULL, f ? f->err[DF_TOPIC] : NULL);
	in.label = labels[DF_TOPIC];
	fields_input(&h, r, &in);
	html_elem(&h, "button", T(r, "Dokument speichern"), "type", "submit", "class", "button", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}

void iv_view_code(struct req *r, struct resp *w, const struct iv_project *p, const struct iv_code *c,
		  const struct iv_code *codes, size_t ncodes, const struct form *f, const char *problem,
		  const struct iv_term_choice *tc, const struct iv_segment *segs, size_t nsegs)
{
	html h = html_on(&w->body);
	struct page_meta m = { .title = c->name, .staff = 1, .noindex = 1, .style = iv_path(r, p->id, "/farben.css") };
	layout_begin(&h, r, &m);
	if (problem)
		fields_alert(&h, problem);
	html_open(&h, "p", NULL);
	html_elem(&h, "a", p->name, "href", iv_path(r, p->id, "#codebuch"), NULL);
	html_text(&h, " · ");
	html_elem(&h, "a", T(r, "Segmente dieses Codes"), "href",
		  html_url(r->a, iv_path(r, p->id, "/segmente"), "code", iv_id(r, c->id), "sub", "1", NULL), NULL);
	html_close(&h, "p");
	code_form(&h, r, p, codes, ncodes, f, c);
	iv_view_code_term(&h, r, p, c, tc);
	iv_view_code_split(&h, r, p, c, segs, nsegs);

	html_elem(&h, "h2", T(r, "Zusammenführen"), "id", "zusammenfuehren", NULL);
	html_elem(&h, "p",
		  T(r, "Die Kodierungen und Untercodes dieses Codes gehen in den gewählten Code über; dieser Code wird "
		       "danach gelöscht."),
		  NULL);
	html_open(&h, "form", "class", "form", "method", "post", "action",
		  iv_path(r, p->id, arena_printf(r->a, "/codes/%" PRId64 "/zusammenfuehren", c->id)), NULL);
	fields_csrf(&h, r);
	const char **ids, **names;
	size_t k;
	iv_code_options(r, codes, ncodes, c->id, &ids, &names, &k);
	struct fields_in in = { .name = "into", .label = T(r, "Aufgehen in"), .required = 1 };
	fields_select(&h, r, &in, T(r, "Bitte wählen"), ids, names, k);
	html_elem(&h, "button", T(r, "Zusammenführen"), "type", "submit", "class", "button secondary", NULL);
	html_close(&h, "form");
	layout_end(&h, r);
}
