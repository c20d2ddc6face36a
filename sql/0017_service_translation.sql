-- 0017_service_translation.sql — an offer's texts in the languages of the
-- public pages: its name, a short description and how to apply, per
-- language, written by editors and by the offer's own partner. German in
-- service stays the record (and HSDS's language); a translation is shown
-- beside it, marked as one (docs/offer-translations.md).

CREATE TABLE service_translation (
  service_id          TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  lang                TEXT NOT NULL CHECK (lang IN ('en', 'tr', 'ar', 'uk', 'ru', 'fa')),
  name                TEXT NOT NULL CHECK (name <> ''),
  description         TEXT NOT NULL DEFAULT '',  -- the short description
  application_process TEXT NOT NULL DEFAULT '',  -- how to apply
  updated_by          TEXT NOT NULL DEFAULT '',
  updated_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (service_id, lang)
);

-- The finder finds an offer by the words of its translations: a change
-- marks the offer for re-indexing, as sql/0005_search.sql does for the rest.
CREATE TRIGGER search_translation_ai AFTER INSERT ON service_translation BEGIN
  INSERT INTO search_dirty VALUES (new.service_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_translation_au AFTER UPDATE ON service_translation BEGIN
  INSERT INTO search_dirty VALUES (new.service_id) ON CONFLICT DO NOTHING;
  INSERT INTO search_dirty VALUES (old.service_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER search_translation_ad AFTER DELETE ON service_translation BEGIN
  INSERT INTO search_dirty VALUES (old.service_id) ON CONFLICT DO NOTHING;
END;
