/* staff.h — the Bestandsaufnahme in the browser: the handlers of the
 * directory's staff pages (editors under /intern/angebote, /intern/traeger,
 * /intern/pruefung, /intern/kategorien and /intern/suchwoerter; partners
 * under /intern/meine-angebote) and the figures the staff dashboard shows.
 * The one public header of src/directory/staff/. */
#ifndef LOTSE_DIRECTORY_STAFF_H
#define LOTSE_DIRECTORY_STAFF_H

#include "http/http.h"
#include "store/store.h"

/* ---- figures for the dashboard (model.c); -1 on a database error ---- */

/* Partner drafts waiting for review. */
long dir_staff_pending_drafts(struct store *s);
/* Current, active offers not verified for 12 months (or never). */
long dir_staff_stale_offers(struct store *s);
/* Offers of provider org_id that the public sees / its drafts with status
 * ("pending", "approved", "rejected"). */
long dir_staff_org_offers(struct store *s, const char *org_id);
long dir_staff_org_drafts(struct store *s, const char *org_id, const char *status);
/* Current, active offers of provider org_id not verified for 12 months. */
long dir_staff_org_stale(struct store *s, const char *org_id);

/* ---- editors: offers (offers.c) ---- */
void dir_staff_offers(struct req *r, struct resp *w);        /* GET  /intern/angebote */
void dir_staff_offer_new(struct req *r, struct resp *w);     /* GET  /intern/angebote/neu */
void dir_staff_offer_create(struct req *r, struct resp *w);  /* POST /intern/angebote/neu */
void dir_staff_stale(struct req *r, struct resp *w);         /* GET  /intern/angebote/veraltet */
void dir_staff_offer(struct req *r, struct resp *w);         /* GET  /intern/angebote/{} */
void dir_staff_offer_save(struct req *r, struct resp *w);    /* POST /intern/angebote/{} */
void dir_staff_offer_archive(struct req *r, struct resp *w); /* POST /intern/angebote/{}/archivieren */
void dir_staff_offer_verify(struct req *r, struct resp *w);  /* POST /intern/angebote/{}/geprueft */
void dir_staff_offer_log(struct req *r, struct resp *w);     /* GET  /intern/angebote/{}/verlauf */
void dir_staff_offer_merge_form(struct req *r, struct resp *w); /* GET  /intern/angebote/{}/zusammenfuehren */
void dir_staff_offer_merge(struct req *r, struct resp *w);      /* POST /intern/angebote/{}/zusammenfuehren */

/* ---- editors: providers and their locations (orgs.c) ---- */
void dir_staff_orgs(struct req *r, struct resp *w);          /* GET  /intern/traeger */
void dir_staff_org_new(struct req *r, struct resp *w);       /* GET  /intern/traeger/neu */
void dir_staff_org_create(struct req *r, struct resp *w);    /* POST /intern/traeger/neu */
void dir_staff_org(struct req *r, struct resp *w);           /* GET  /intern/traeger/{} */
void dir_staff_org_save(struct req *r, struct resp *w);      /* POST /intern/traeger/{} */
void dir_staff_org_archive(struct req *r, struct resp *w);   /* POST /intern/traeger/{}/archivieren */
void dir_staff_org_log(struct req *r, struct resp *w);       /* GET  /intern/traeger/{}/verlauf */
void dir_staff_org_merge_form(struct req *r, struct resp *w); /* GET  /intern/traeger/{}/zusammenfuehren */
void dir_staff_org_merge(struct req *r, struct resp *w);      /* POST /intern/traeger/{}/zusammenfuehren */
void dir_staff_location_new(struct req *r, struct resp *w);    /* GET  /intern/traeger/{}/standorte/neu */
void dir_staff_location_create(struct req *r, struct resp *w); /* POST /intern/traeger/{}/standorte/neu */
void dir_staff_location(struct req *r, struct resp *w);        /* GET  /intern/traeger/{}/standorte/{} */
void dir_staff_location_save(struct req *r, struct resp *w);   /* POST /intern/traeger/{}/standorte/{} */

/* ---- partners: their own organisation's offers (partner.c) ---- */
void dir_staff_partner_offers(struct req *r, struct resp *w);       /* GET  /intern/meine-angebote */
void dir_staff_partner_offer_new(struct req *r, struct resp *w);    /* GET  /intern/meine-angebote/neu */
void dir_staff_partner_offer_create(struct req *r, struct resp *w); /* POST /intern/meine-angebote/neu */
void dir_staff_partner_verify(struct req *r, struct resp *w);       /* POST /intern/meine-angebote/aktuell */
void dir_staff_partner_offer(struct req *r, struct resp *w);        /* GET  /intern/meine-angebote/{} */
void dir_staff_partner_offer_save(struct req *r, struct resp *w);   /* POST /intern/meine-angebote/{} */

/* ---- an offer's translations (translations.c): editors any offer,
 * partners their own provider's ---- */
void dir_staff_offer_translations(struct req *r, struct resp *w);        /* GET  /intern/angebote/{}/uebersetzungen */
void dir_staff_offer_translations_save(struct req *r, struct resp *w);   /* POST /intern/angebote/{}/uebersetzungen */
void dir_staff_partner_translations(struct req *r, struct resp *w);      /* GET  /intern/meine-angebote/{}/uebersetzungen */
void dir_staff_partner_translations_save(struct req *r, struct resp *w); /* POST /intern/meine-angebote/{}/uebersetzungen */

/* ---- editors: review of partner drafts (review.c) ---- */
void dir_staff_review_list(struct req *r, struct resp *w);    /* GET  /intern/pruefung */
void dir_staff_review_show(struct req *r, struct resp *w);    /* GET  /intern/pruefung/{} */
void dir_staff_review_approve(struct req *r, struct resp *w); /* POST /intern/pruefung/{}/freigeben */
void dir_staff_review_reject(struct req *r, struct resp *w);  /* POST /intern/pruefung/{}/ablehnen */

/* ---- editors: the words of the directory (vocab.c): taxonomy terms with
 * their German names and English labels, the search's synonyms and
 * abbreviations ---- */
void dir_staff_vocab_terms(struct req *r, struct resp *w);       /* GET  /intern/kategorien */
void dir_staff_vocab_term_save(struct req *r, struct resp *w);   /* POST /intern/kategorien/{} */
void dir_staff_vocab_term_add(struct req *r, struct resp *w);    /* POST /intern/kategorien/neu */
void dir_staff_vocab_synonyms(struct req *r, struct resp *w);    /* GET  /intern/suchwoerter */
void dir_staff_vocab_synonym_add(struct req *r, struct resp *w); /* POST /intern/suchwoerter */
void dir_staff_vocab_synonym_del(struct req *r, struct resp *w); /* POST /intern/suchwoerter/loeschen */

/* The directory's cards of the staff dashboard (see staff/staff.h):
 * proposals to review, stale offers, providers; a partner's own offers.
 * The number written, or -1 when a read failed. */
struct layout_card;
int dir_staff_panel(struct req *r, struct layout_card *out);
/* The directory's lines of the dashboard's notice (html/layout.h):
 * proposals waiting for review, offers nobody checked for a year; for a
 * partner its own such offers and its rejected proposals. */
struct layout_todo;
int dir_staff_todos(struct req *r, struct layout_todo *out);

/* ---- a new offer proposed from outside the staff pages (proposal.c):
 * the surveys' offer survey (#18) ---- */
#include "core/arena.h"
#include <stddef.h>
#include <stdint.h>
struct dir_staff_proposal {
	const char *provider;            /* the provider's name, as typed */
	const char *name, *description;  /* of the offer */
	const char *fees, *schedule;     /* as text, or NULL */
	int free_of_charge;
	int minimum_age, maximum_age;    /* -1: not stated */
	const char *const *languages;    /* ISO 639-1 codes */
	size_t n_languages;
	const char *const *term_taxonomies, *const *term_codes; /* taxonomy and term codes */
	size_t n_terms;
};
/* The proposal as a pending draft of a new offer of the current provider
 * of that name (ignoring case) in the editors' review, not by an account;
 * unknown terms are left out. ST_OK (*draft_id), ST_NOTFOUND (no such
 * provider, or no offer name), ST_ERR. */
int dir_staff_propose_offer(struct store *s, arena *a, const struct dir_staff_proposal *p, int64_t *draft_id);

#endif
