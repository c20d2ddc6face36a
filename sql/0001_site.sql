-- 0001_site.sql — the public website: pages per language, contact messages.

CREATE TABLE page (
  slug        TEXT NOT NULL CHECK (slug <> '' AND slug NOT GLOB '*[^a-z0-9-]*' AND length(slug) <= 64),
  lang        TEXT NOT NULL CHECK (length(lang) = 2),
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  body_md     TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (slug, lang)
) WITHOUT ROWID;

CREATE TABLE contact_message (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  email       TEXT NOT NULL,
  message     TEXT NOT NULL,
  lang        TEXT NOT NULL,
  consent_at  TEXT NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'done'))
);
CREATE INDEX contact_message_status ON contact_message(status, created_at);
