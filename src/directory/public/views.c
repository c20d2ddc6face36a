/* views.c — HTML of the public offer page (with its print view)
 * and the provider page. Everything shown was read with DIR_PUBLIC, so a
 * confidential location never reaches these functions; an offer without
 * a public address points to its contacts instead. */
#include "directory/public/public_internal.h"
#include "directory/languages.h"
#include "core/i18n.h"
#include "html/layout.h"

#include <stdio.h>
#include <string.h>

#define META_DESCRIPTION_CHARS 155
#define CARD_EXCERPT_CHARS 180

/* ---- small formatters (results owned by the request arena) ---- */

/* s with runs of white space folded to one space, cut after at most max
 * characters at a word boundary, with "…" when cut. */
static const char *excerpt(arena *a, const char *s, size_t max)
{
	if (!s)
		return "";
	size_t len = strlen(s), n = 0, chars = 0, last_space = 0;
	char *out = arena_alloc(a, len + 4);
	int space = 1, cut = 0;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
			if (!space) {
				last_space = n;
				out[n++] = ' ';
			}
			space = 1;
			continue;
		}
		space = 0;
		if ((c & 0xC0) != 0x80 && ++chars > max) {
			cut = 1;
			break;
		}
		out[n++] = (char)c;
	}
	if (cut && last_space > 0)
		n = last_space;
	while (n > 0 && out[n - 1] == ' ')
		n--;
	if (cut) {
		memcpy(out + n, "…", 3);
		n += 3;
	}
	out[n] = '\0';
	return out;
}

/* "tel:" URL of a phone number written the German way ("06131 000102"
 * -> "tel:+496131000102"); NULL when it has no digits. */
static const char *tel_href(arena *a, const char *number)
{
	char digits[64];
	size_t n = 0;
	for (const char *p = number; p && *p && n + 1 < sizeof(digits); p++)
		if ((*p >= '0' && *p <= '9') || (*p == '+' && n == 0))
			digits[n++] = *p;
	digits[n] = '\0';
	if (n < 3)
		return NULL;
	if (digits[0] == '0' && digits[1] == '0')
		return arena_printf(a, "tel:+%s", digits + 2);
	if (digits[0] == '0')
		return arena_printf(a, "tel:+49%s", digits + 1);
	return arena_printf(a, "tel:%s", digits);
}

/* Only web addresses become links; anything else is shown as text. */
static int is_web_url(const char *u)
{
	return u && (strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0);
}

static int is_email(const char *e)
{
	return e && *e && strchr(e, '@') && !strpbrk(e, " \t\r\n?&<>\"'");
}

/* An amount of money in the reader's way of writing it. */
static const char *money(struct req *r, double amount, const char *currency)
{
	int whole = amount == (double)(long long)amount;
	const char *num = whole ? arena_printf(r->a, "%lld", (long long)amount) : arena_printf(r->a, "%.2f", amount);
	int euro = !currency || !*currency || strcmp(currency, "EUR") == 0;
	if (strcmp(r->lang, "de") == 0) {
		char *c = strchr(num, '.');
		if (c)
			*c = ',';
		return arena_printf(r->a, "%s %s", num, euro ? "€" : currency);
	}
	return euro ? arena_printf(r->a, "€%s", num) : arena_printf(r->a, "%s %s", num, currency);
}

/* ---- building blocks ---- */

/* The lang attribute for text entered in the directory, which is German:
 * needed only on pages in another language. */
static const char *data_lang(struct req *r)
{
	return strcmp(r->lang, "de") == 0 ? NULL : "de";
}

/* Text with line breaks as paragraphs (blank lines and single breaks alike). */
static void paragraphs(html *h, struct req *r, const char *text)
{
	arena *a = r->a;
	const char *p = text;
	while (p && *p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *line = arena_strndup(a, p, len);
		if (strspn(line, " \t\r") < len)
			html_elem(h, "p", line, "lang", data_lang(r), "dir", layout_dir(r, "de"), NULL);
		p = eol ? eol + 1 : NULL;
	}
}

static size_t count_terms(const struct dir_term *t, size_t n, const char *taxonomy)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += strcmp(t[i].taxonomy_code, taxonomy) == 0;
	return k;
}

static void term_tags(html *h, const struct dir_term *t, size_t n, const char *taxonomy)
{
	html_open(h, "ul", "class", "tags", NULL);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(t[i].taxonomy_code, taxonomy) != 0)
			continue;
		html_open(h, "li", NULL);
		html_elem(h, "span", t[i].name, "class", "tag", NULL);
		html_close(h, "li");
	}
	html_close(h, "ul");
}

/* <dt>label</dt><dd> — the caller writes the value and closes the dd. */
static void fact(html *h, const char *label)
{
	html_elem(h, "dt", label, NULL);
	html_open(h, "dd", NULL);
}

static void fact_text(html *h, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	fact(h, label);
	html_text(h, text);
	html_close(h, "dd");
}

static void fact_terms(html *h, const char *label, const struct dir_term *t, size_t n, const char *taxonomy)
{
	if (!count_terms(t, n, taxonomy))
		return;
	fact(h, label);
	term_tags(h, t, n, taxonomy);
	html_close(h, "dd");
}

static void web_link(html *h, const char *url)
{
	if (is_web_url(url))
		html_elem(h, "a", url, "href", url, NULL);
	else
		html_text(h, url);
}

static void mail_link(html *h, struct req *r, const char *email)
{
	if (is_email(email))
		html_elem(h, "a", email, "href", html_mailto(r->a, email), NULL);
	else
		html_text(h, email);
}

static void phone_list(html *h, struct req *r, const struct dir_phone *p, size_t n)
{
	html_open(h, "ul", "class", "plain", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "li", NULL);
		const char *href = tel_href(r->a, p[i].number);
		if (href)
			html_elem(h, "a", p[i].number, "href", href, NULL);
		else
			html_text(h, p[i].number);
		if (p[i].extension && *p[i].extension) {
			html_text(h, " ");
			html_text(h, i18n_fill(r->a, T(r, "Durchwahl {1}"), p[i].extension, NULL));
		}
		if (p[i].description && *p[i].description) {
			html_text(h, " – ");
			html_text(h, p[i].description);
		}
		html_close(h, "li");
	}
	html_close(h, "ul");
}

static void contact_list(html *h, struct req *r, const struct dir_contact *c, size_t n)
{
	html_open(h, "ul", "class", "plain", NULL);
	for (size_t i = 0; i < n; i++) {
		html_open(h, "li", NULL);
		html_text(h, c[i].name);
		const char *role = c[i].title && *c[i].title ? c[i].title : NULL;
		if (c[i].department && *c[i].department)
			role = role ? arena_printf(r->a, "%s, %s", role, c[i].department) : c[i].department;
		if (role)
			html_textf(h, " (%s)", role);
		if (c[i].email && *c[i].email) {
			html_text(h, c[i].name && *c[i].name ? ": " : "");
			mail_link(h, r, c[i].email);
		}
		html_close(h, "li");
	}
	html_close(h, "ul");
}

/* One public location: name, address, how to get there, a map link. */
static void location_block(html *h, struct req *r, const struct dir_location *l)
{
	html_open(h, "li", "class", "location", NULL);
	if (l->name && *l->name)
		html_elem(h, "h3", l->name, NULL);
	if (l->has_address && l->address.address_1 && *l->address.address_1) {
		const struct dir_address *ad = &l->address;
		html_open(h, "p", "class", "address", NULL);
		html_text(h, ad->address_1);
		if (ad->address_2 && *ad->address_2) {
			html_void(h, "br", NULL);
			html_text(h, ad->address_2);
		}
		html_void(h, "br", NULL);
		html_textf(h, "%s %s", ad->postal_code ? ad->postal_code : "", ad->city ? ad->city : "");
		html_close(h, "p");
	}
	if (strcmp(l->location_type, "virtual") == 0 && l->url && *l->url) {
		html_open(h, "p", NULL);
		html_text(h, T(r, "Online:"));
		html_text(h, " ");
		web_link(h, l->url);
		html_close(h, "p");
	}
	if (l->transportation && *l->transportation) {
		html_open(h, "p", NULL);
		html_elem(h, "strong", T(r, "Anfahrt:"), NULL);
		html_text(h, " ");
		html_text(h, l->transportation);
		html_close(h, "p");
	}
	if (l->has_coords && strcmp(l->location_type, "virtual") != 0) {
		const char *map = arena_printf(r->a, "https://www.openstreetmap.org/?mlat=%.5f&mlon=%.5f#map=17/%.5f/%.5f",
					       l->latitude, l->longitude, l->latitude, l->longitude);
		html_open(h, "p", "class", "map-link", NULL);
		html_elem(h, "a", T(r, "Bei OpenStreetMap ansehen (externe Website)"), "href", map, "rel",
			  "external noopener noreferrer", NULL);
		html_close(h, "p");
	}
	html_close(h, "li");
}

static const char *status_notice(struct req *r, const char *status)
{
	if (!status || strcmp(status, "active") == 0)
		return NULL;
	if (strcmp(status, "temporarily closed") == 0)
		return T(r, "Dieses Angebot ist vorübergehend geschlossen.");
	if (strcmp(status, "inactive") == 0)
		return T(r, "Dieses Angebot findet zurzeit nicht statt.");
	return T(r, "Dieses Angebot gibt es nicht mehr.");
}

static const char *status_label(struct req *r, const char *status)
{
	if (!status || strcmp(status, "active") == 0)
		return NULL;
	if (strcmp(status, "temporarily closed") == 0)
		return T(r, "vorübergehend geschlossen");
	if (strcmp(status, "inactive") == 0)
		return T(r, "zurzeit nicht aktiv");
	return T(r, "beendet");
}

static const char *ages_text(struct req *r, int min, int max)
{
	const char *a = arena_printf(r->a, "%d", min), *b = arena_printf(r->a, "%d", max);
	if (min >= 0 && max >= 0)
		return i18n_fill(r->a, T(r, "für {1} bis {2} Jahre"), a, b, NULL);
	if (min >= 0)
		return i18n_fill(r->a, T(r, "ab {1} Jahren"), a, NULL);
	if (max >= 0)
		return i18n_fill(r->a, T(r, "bis {1} Jahre"), b, NULL);
	return NULL;
}

static const char *delivery_text(struct req *r, const char *delivery)
{
	if (delivery && strcmp(delivery, "online") == 0)
		return T(r, "online");
	if (delivery && strcmp(delivery, "mixed") == 0)
		return T(r, "vor Ort und online");
	return T(r, "vor Ort");
}

/* ---- the offer page ---- */

static void offer_facts(html *h, struct req *r, const struct dir_service *sv)
{
	html_elem(h, "h2", T(r, "Auf einen Blick"), NULL);
	html_open(h, "dl", "class", "facts", NULL);
	const char *ages = ages_text(r, sv->minimum_age, sv->maximum_age);
	if (count_terms(sv->terms, sv->n_terms, "zielgruppe") || ages || *sv->eligibility_description) {
		fact(h, T(r, "Für wen"));
		if (count_terms(sv->terms, sv->n_terms, "zielgruppe"))
			term_tags(h, sv->terms, sv->n_terms, "zielgruppe");
		if (ages)
			html_elem(h, "p", ages, "class", "ages", NULL);
		paragraphs(h, r, sv->eligibility_description);
		html_close(h, "dd");
	}
	if (sv->n_languages) {
		fact(h, T(r, "Sprachen"));
		html_open(h, "p", NULL);
		for (size_t i = 0; i < sv->n_languages; i++) {
			const struct dir_language *l = &sv->languages[i];
			const char *name = dir_language_name(l->code, r->lang);
			html_text(h, i ? ", " : "");
			html_text(h, name ? name : *l->name ? l->name : l->code);
			if (l->note && *l->note)
				html_textf(h, " (%s)", l->note);
		}
		html_close(h, "p");
		html_close(h, "dd");
	}
	fact(h, T(r, "Kosten"));
	if (sv->free_of_charge)
		html_elem(h, "p", T(r, "kostenlos"), "class", "free", NULL);
	if (sv->n_costs) {
		html_open(h, "ul", "class", "plain", NULL);
		for (size_t i = 0; i < sv->n_costs; i++) {
			const struct dir_cost *c = &sv->costs[i];
			html_open(h, "li", NULL);
			html_text(h, *c->option ? c->option : T(r, "Kosten"));
			if (c->has_amount)
				html_textf(h, ": %s", money(r, c->amount, c->currency));
			if (*c->amount_description)
				html_textf(h, " (%s)", c->amount_description);
			html_close(h, "li");
		}
		html_close(h, "ul");
	}
	paragraphs(h, r, sv->fees_description);
	if (!sv->free_of_charge && !sv->n_costs && !*sv->fees_description)
		html_elem(h, "p", T(r, "Bitte fragen Sie nach den Kosten."), NULL);
	html_close(h, "dd");
	fact_text(h, T(r, "Form"), delivery_text(r, sv->delivery));
	if (sv->n_schedules) {
		fact(h, T(r, "Zeiten"));
		for (size_t i = 0; i < sv->n_schedules; i++) {
			const struct dir_schedule *x = &sv->schedules[i];
			const char *text = *x->description ? x->description : NULL;
			if (!text && x->opens_at && x->closes_at)
				text = arena_printf(r->a, "%s %s–%s", x->byday, x->opens_at, x->closes_at);
			if (text)
				html_elem(h, "p", text, NULL);
			if (x->valid_from || x->valid_to)
				html_elem(h, "p", i18n_fill(r->a, T(r, "gültig vom {1} bis {2}"),
							    x->valid_from ? layout_date(r, x->valid_from) : "…",
							    x->valid_to ? layout_date(r, x->valid_to) : "…", NULL),
					  "class", "meta", NULL);
			if (*x->notes)
				html_elem(h, "p", x->notes, "class", "meta", NULL);
		}
		html_close(h, "dd");
	}
	if (sv->capacity >= 0)
		fact_text(h, T(r, "Plätze"),
			  i18n_fill(r->a, TN(r, "{1} Platz", "{1} Plätze", (unsigned long)sv->capacity),
				    arena_printf(r->a, "%d", sv->capacity), NULL));
	fact_terms(h, T(r, "Angebotsart"), sv->terms, sv->n_terms, "angebotsart");
	fact_terms(h, T(r, "Übergangsphase"), sv->terms, sv->n_terms, "uebergangsphase");
	/* the place terms are in the one "Ort" section (offer_places) */
	if (sv->n_areas) {
		fact(h, T(r, "Einzugsgebiet"));
		html_open(h, "p", NULL);
		for (size_t i = 0; i < sv->n_areas; i++)
			html_textf(h, "%s%s", i ? ", " : "", sv->areas[i].name);
		html_close(h, "p");
		html_close(h, "dd");
	}
	fact_text(h, T(r, "Sprachmittlung"), sv->interpretation_services);
	/* funding (programmes, funders) is for staff: their offer form shows it */
	html_close(h, "dl");
}

static void offer_contact(html *h, struct req *r, const struct dir_service *sv)
{
	html_elem(h, "h2", T(r, "Kontakt"), "id", "kontakt", NULL);
	if (!sv->n_contacts && !sv->n_phones && !*sv->email && !*sv->url) {
		html_open(h, "p", NULL);
		html_text(h, T(r, "Die Kontaktdaten finden Sie beim Träger:"));
		html_text(h, " ");
		html_elem(h, "a", sv->organization_name, "href", arena_printf(r->a, "/traeger/%s", sv->organization_id), NULL);
		html_close(h, "p");
		return;
	}
	html_open(h, "dl", "class", "facts", NULL);
	if (sv->n_contacts) {
		fact(h, sv->n_contacts == 1 ? T(r, "Ansprechperson") : T(r, "Ansprechpersonen"));
		contact_list(h, r, sv->contacts, sv->n_contacts);
		html_close(h, "dd");
	}
	if (sv->n_phones) {
		fact(h, T(r, "Telefon"));
		phone_list(h, r, sv->phones, sv->n_phones);
		html_close(h, "dd");
	}
	if (*sv->email) {
		fact(h, T(r, "E-Mail"));
		mail_link(h, r, sv->email);
		html_close(h, "dd");
	}
	if (*sv->url) {
		fact(h, T(r, "Website"));
		web_link(h, sv->url);
		html_close(h, "dd");
	}
	html_close(h, "dl");
}

void dir_public_view_offer(struct req *r, struct resp *w, const struct dir_service *sv, int print, const char *back)
{
	html h = html_on(&w->body);
	struct dir_public_texts tx; /* in the reader's language where translated (offer_texts.c) */
	dir_public_offer_texts(r, sv, &tx);
	struct page_meta m = {
		.title = tx.name,
		.title_lang = tx.name_lang,
		.description = excerpt(r->a, tx.description ? tx.description : sv->description, META_DESCRIPTION_CHARS),
		.noindex = print, /* the print view repeats the offer page */
		.script = print ? NULL : DIR_PUBLIC_KEEP_SCRIPT,
	};
	layout_begin(&h, r, &m);
	html_open(&h, "div", "class", print ? "offer print-view" : "offer", NULL);
	const char *self = arena_printf(r->a, "/angebote/%s", sv->id);
	if (print) {
		html_open(&h, "p", "class", "print-hint", NULL);
		html_text(&h, T(r, "Drucken Sie diese Seite mit der Druckfunktion Ihres Browsers."));
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "Zurück zur normalen Ansicht"), "href", self, NULL);
		html_close(&h, "p");
	}

	dir_public_view_texts_note(&h, r, &tx);
	html_open(&h, "p", "class", "offer-provider", NULL);
	html_text(&h, T(r, "Angebot von"));
	html_text(&h, " ");
	html_elem(&h, "a", sv->organization_name, "href", arena_printf(r->a, "/traeger/%s", sv->organization_id), "dir",
		  layout_dir(r, NULL), NULL);
	html_close(&h, "p");
	html_elem(&h, "p", sv->assured_date ? i18n_fill(r->a, T(r, "Zuletzt geprüft am {1}"), layout_date(r, sv->assured_date), NULL)
					    : T(r, "Noch nicht geprüft"),
		  "class", "meta assured", NULL);
	const char *notice = status_notice(r, sv->status);
	if (notice)
		html_elem(&h, "p", notice, "class", "notice status-notice", NULL);
	if (*sv->alert)
		html_elem(&h, "p", sv->alert, "class", "notice", "lang", data_lang(r), "dir", layout_dir(r, "de"), NULL);
	if (*sv->alternate_name) {
		html_open(&h, "p", "class", "meta", NULL);
		layout_fill(&h, r, T(r, "Auch bekannt als: {1}"), sv->alternate_name, NULL);
		html_close(&h, "p");
	}
	html_open(&h, "div", "class", "prose offer-description", NULL);
	if (!dir_public_view_translated(&h, r, &tx, tx.description, sv->description))
		paragraphs(&h, r, sv->description);
	html_close(&h, "div");

	offer_facts(&h, r, sv);

	if (*sv->application_process || tx.apply) {
		html_elem(&h, "h2", T(r, "So melden Sie sich an"), NULL);
		html_open(&h, "div", "class", "prose offer-apply", NULL);
		if (!dir_public_view_translated(&h, r, &tx, tx.apply, sv->application_process))
			paragraphs(&h, r, sv->application_process);
		html_close(&h, "div");
	}

	html_elem(&h, "h2", sv->n_locations > 1 ? T(r, "Orte") : T(r, "Ort"), NULL);
	if (count_terms(sv->terms, sv->n_terms, "ort"))
		term_tags(&h, sv->terms, sv->n_terms, "ort");
	if (sv->n_locations) {
		html_open(&h, "ul", "class", "locations", NULL);
		for (size_t i = 0; i < sv->n_locations; i++)
			location_block(&h, r, &sv->locations[i]);
		html_close(&h, "ul");
		dir_public_offer_map(&h, r, sv); /* map_page.c */
	} else if (sv->delivery && strcmp(sv->delivery, "online") == 0) {
		html_elem(&h, "p", T(r, "Dieses Angebot findet online statt."), NULL);
	} else {
		/* no public address: a protected one, or none entered yet */
		html_open(&h, "p", NULL);
		html_text(&h, T(r, "Die Adresse wird nicht veröffentlicht. Sie erfahren den Ort, wenn Sie Kontakt aufnehmen:"));
		html_text(&h, " ");
		html_elem(&h, "a", T(r, "zu den Kontaktdaten"), "href", "#kontakt", NULL);
		html_close(&h, "p");
	}

	offer_contact(&h, r, sv);

	if (print) {
		const char *url = arena_printf(r->a, "%s%s", r->base_url, self);
		html_elem(&h, "p", i18n_fill(r->a, T(r, "Diese Seite im Internet: {1}"), url, NULL), "class", "meta", NULL);
	} else {
		html_elem(&h, "h2", T(r, "Merken und teilen"), NULL);
		html_open(&h, "p", "class", "keep-actions", NULL);
		dir_public_keep_button(&h, r, sv->id);
		html_elem(&h, "a", T(r, "Zur Merkliste"), "href", "/merkliste", NULL);
		html_close(&h, "p");
		dir_public_share_links(&h, r, "offer", sv->name, arena_printf(r->a, "%s%s", r->base_url, self));
		html_open(&h, "ul", "class", "offer-actions", NULL);
		html_open(&h, "li", NULL);
		html_elem(&h, "a", T(r, "Druckansicht"), "href", html_url(r->a, self, "druck", "1", NULL), "rel",
			  "alternate", NULL);
		html_close(&h, "li");
		html_li_link(&h, T(r, "Zur Angebotssuche"), back);
		html_close(&h, "ul");
	}
	html_close(&h, "div");
	layout_end(&h, r);
}

/* ---- the provider page ---- */

void dir_public_view_org(struct req *r, struct resp *w, const struct dir_org *o, const struct dir_service *offers,
		  size_t n_offers, const char *back)
{
	html h = html_on(&w->body);
	struct page_meta m = {
		.title = o->name,
		.title_lang = "de",
		.description = excerpt(r->a, o->description, META_DESCRIPTION_CHARS),
	};
	layout_begin(&h, r, &m);
	html_open(&h, "div", "class", "provider", NULL);
	if (*o->alternate_name) {
		html_open(&h, "p", "class", "meta", NULL);
		layout_fill(&h, r, T(r, "Auch bekannt als: {1}"), o->alternate_name, NULL);
		html_close(&h, "p");
	}
	html_open(&h, "div", "class", "prose", NULL);
	paragraphs(&h, r, o->description);
	html_close(&h, "div");

	html_open(&h, "dl", "class", "facts", NULL);
	if (*o->website) {
		fact(&h, T(r, "Website"));
		web_link(&h, o->website);
		html_close(&h, "dd");
	}
	if (*o->email) {
		fact(&h, T(r, "E-Mail"));
		mail_link(&h, r, o->email);
		html_close(&h, "dd");
	}
	if (o->n_phones) {
		fact(&h, T(r, "Telefon"));
		phone_list(&h, r, o->phones, o->n_phones);
		html_close(&h, "dd");
	}
	if (o->n_contacts) {
		fact(&h, T(r, "Ansprechpersonen"));
		contact_list(&h, r, o->contacts, o->n_contacts);
		html_close(&h, "dd");
	}
	fact_text(&h, T(r, "Rechtsform"), o->legal_status);
	if (o->year_incorporated > 0)
		fact_text(&h, T(r, "Gegründet"), arena_printf(r->a, "%d", o->year_incorporated));
	html_close(&h, "dl");

	if (o->n_locations) {
		html_elem(&h, "h2", o->n_locations == 1 ? T(r, "Standort") : T(r, "Standorte"), NULL);
		html_open(&h, "ul", "class", "locations", NULL);
		for (size_t i = 0; i < o->n_locations; i++)
			location_block(&h, r, &o->locations[i]);
		html_close(&h, "ul");
	}

	html_elem(&h, "h2", T(r, "Angebote dieses Trägers"), "id", "angebote", NULL);
	if (n_offers == 0) {
		html_elem(&h, "p", T(r, "Zurzeit sind keine Angebote eingetragen."), NULL);
	} else {
		html_open(&h, "ul", "class", "cards", "aria-labelledby", "angebote", NULL);
		for (size_t i = 0; i < n_offers; i++) {
			const struct dir_service *x = &offers[i];
			html_open(&h, "li", "class", "card", NULL);
			html_open(&h, "h3", "lang", data_lang(r), "dir", layout_dir(r, "de"), NULL);
			html_elem(&h, "a", x->name, "href", arena_printf(r->a, "/angebote/%s", x->id), NULL);
			html_close(&h, "h3");
			const char *label = status_label(r, x->status);
			if (label)
				html_elem(&h, "p", label, "class", "meta status", NULL);
			html_elem(&h, "p", excerpt(r->a, x->description, CARD_EXCERPT_CHARS), "lang", data_lang(r), "dir",
				  layout_dir(r, "de"), NULL);
			html_close(&h, "li");
		}
		html_close(&h, "ul");
	}
	html_open(&h, "p", NULL);
	html_elem(&h, "a", T(r, "Zur Angebotssuche"), "href", back, NULL);
	html_close(&h, "p");
	html_close(&h, "div");
	layout_end(&h, r);
}

void dir_public_view_gone(struct req *r, struct resp *w, const char *name, const struct dir_org *org,
			  const struct dir_search_hit *similar, size_t n)
{
	w->status = 410;
	html h = html_on(&w->body);
	struct page_meta m = { .title = T(r, "Nicht mehr im Verzeichnis"), .noindex = 1 };
	layout_begin(&h, r, &m);
	html_open(&h, "p", "class", "lead", NULL);
	layout_fill(&h, r, T(r, "„{1}“ gibt es nicht mehr in unserem Verzeichnis. Vielleicht finden Sie ein "
				"ähnliches Angebot."),
		    name, NULL);
	html_close(&h, "p");
	html_open(&h, "p", "class", "actions", NULL);
	html_elem(&h, "a", T(r, "Angebote suchen"), "class", "button", "href", "/angebote", NULL);
	if (org) {
		html_open(&h, "a", "href", arena_printf(r->a, "/traeger/%s", org->id), NULL);
		layout_fill(&h, r, T(r, "Weitere Angebote von {1}"), org->name, NULL);
		html_close(&h, "a");
	}
	html_close(&h, "p");
	if (n) {
		html_elem(&h, "h2", T(r, "Ähnliche Angebote"), "id", "similar", NULL);
		html_open(&h, "ul", "class", "cards similar", "aria-labelledby", "similar", NULL);
		for (size_t i = 0; i < n; i++) {
			const struct dir_search_hit *x = &similar[i];
			html_open(&h, "li", "class", "card", NULL);
			html_open(&h, "h3", "lang", data_lang(r), "dir", layout_dir(r, "de"), NULL);
			html_elem(&h, "a", x->name, "href", arena_printf(r->a, "/angebote/%s", x->id), NULL);
			html_close(&h, "h3");
			html_open(&h, "p", "class", "meta", NULL);
			html_elem(&h, "bdi", x->organization_name, NULL);
			for (size_t k = 0; k < x->n_terms; k++)
				if (strcmp(x->terms[k].taxonomy_code, "ort") == 0)
					html_textf(&h, " · %s", x->terms[k].name);
			html_close(&h, "p");
			if (x->summary && *x->summary)
				html_elem(&h, "p", excerpt(r->a, x->summary, CARD_EXCERPT_CHARS), "lang", data_lang(r),
					  "dir", layout_dir(r, "de"), NULL);
			html_close(&h, "li");
		}
		html_close(&h, "ul");
	}
	layout_end(&h, r);
}
