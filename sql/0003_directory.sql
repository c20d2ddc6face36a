-- 0003_directory.sql — the Bestandsaufnahme: providers (Träger), offers
-- (Angebote), locations and what describes them, after Open Referral
-- HSDS 3.x (table and column names as in its datapackage.json), plus the
-- fields a transition network needs. Ids are UUIDs (text).

CREATE TABLE organization (
  id                     TEXT PRIMARY KEY,
  name                   TEXT NOT NULL CHECK (name <> ''),
  alternate_name         TEXT NOT NULL DEFAULT '',
  description            TEXT NOT NULL DEFAULT '',
  email                  TEXT NOT NULL DEFAULT '',
  website                TEXT NOT NULL DEFAULT '',
  legal_status           TEXT NOT NULL DEFAULT '',
  year_incorporated      INTEGER,
  parent_organization_id TEXT REFERENCES organization(id) ON DELETE SET NULL,
  archived               INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  merged_into            TEXT REFERENCES organization(id) ON DELETE SET NULL,
  last_modified          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE service (
  id                      TEXT PRIMARY KEY,
  organization_id         TEXT NOT NULL REFERENCES organization(id),
  name                    TEXT NOT NULL CHECK (name <> ''),
  alternate_name          TEXT NOT NULL DEFAULT '',
  description             TEXT NOT NULL DEFAULT '',
  url                     TEXT NOT NULL DEFAULT '',
  email                   TEXT NOT NULL DEFAULT '',
  status                  TEXT NOT NULL DEFAULT 'active'
                          CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
  interpretation_services TEXT NOT NULL DEFAULT '',
  application_process     TEXT NOT NULL DEFAULT '',
  fees_description        TEXT NOT NULL DEFAULT '',
  free_of_charge          INTEGER NOT NULL DEFAULT 0 CHECK (free_of_charge IN (0, 1)),
  eligibility_description TEXT NOT NULL DEFAULT '',
  minimum_age             INTEGER CHECK (minimum_age IS NULL OR minimum_age BETWEEN 0 AND 120),
  maximum_age             INTEGER CHECK (maximum_age IS NULL OR maximum_age BETWEEN 0 AND 120),
  capacity                INTEGER CHECK (capacity IS NULL OR capacity >= 0),
  delivery                TEXT NOT NULL DEFAULT 'in_person'
                          CHECK (delivery IN ('in_person', 'online', 'mixed')),
  assured_date            TEXT,                 -- YYYY-MM-DD, last verified
  assurer_email           TEXT NOT NULL DEFAULT '',
  alert                   TEXT NOT NULL DEFAULT '',
  archived                INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  merged_into             TEXT REFERENCES service(id) ON DELETE SET NULL,
  last_modified           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age)
);
CREATE INDEX service_org ON service(organization_id);
CREATE INDEX service_modified ON service(last_modified);
CREATE INDEX service_assured ON service(assured_date);

CREATE TABLE location (
  id                       TEXT PRIMARY KEY,
  organization_id          TEXT REFERENCES organization(id),
  location_type            TEXT NOT NULL DEFAULT 'physical'
                           CHECK (location_type IN ('physical', 'postal', 'virtual')),
  url                      TEXT NOT NULL DEFAULT '',
  name                     TEXT NOT NULL DEFAULT '',
  alternate_name           TEXT NOT NULL DEFAULT '',
  description              TEXT NOT NULL DEFAULT '',
  transportation           TEXT NOT NULL DEFAULT '',
  latitude                 REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude                REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  external_identifier      TEXT NOT NULL DEFAULT '',
  external_identifier_type TEXT NOT NULL DEFAULT '',
  -- A protected address (e.g. counselling for people at risk): never shown
  -- publicly or in the API; only the offer's public contact point is.
  confidential             INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1))
);
CREATE INDEX location_org ON location(organization_id);

CREATE TABLE address (
  id             TEXT PRIMARY KEY,
  location_id    TEXT NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  attention      TEXT NOT NULL DEFAULT '',
  address_1      TEXT NOT NULL DEFAULT '',
  address_2      TEXT NOT NULL DEFAULT '',
  city           TEXT NOT NULL DEFAULT '',
  region         TEXT NOT NULL DEFAULT '',
  state_province TEXT NOT NULL DEFAULT '',
  postal_code    TEXT NOT NULL DEFAULT '',
  country        TEXT NOT NULL DEFAULT 'DE',
  address_type   TEXT NOT NULL DEFAULT 'physical' CHECK (address_type IN ('physical', 'postal', 'virtual'))
);
CREATE INDEX address_location ON address(location_id);

CREATE TABLE service_at_location (
  id          TEXT PRIMARY KEY,
  service_id  TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  location_id TEXT NOT NULL REFERENCES location(id) ON DELETE CASCADE,
  description TEXT NOT NULL DEFAULT '',
  UNIQUE (service_id, location_id)
);
CREATE INDEX sal_location ON service_at_location(location_id);

CREATE TABLE contact (
  id                     TEXT PRIMARY KEY,
  organization_id        TEXT REFERENCES organization(id) ON DELETE CASCADE,
  service_id             TEXT REFERENCES service(id) ON DELETE CASCADE,
  service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
  location_id            TEXT REFERENCES location(id) ON DELETE CASCADE,
  name                   TEXT NOT NULL DEFAULT '',
  title                  TEXT NOT NULL DEFAULT '',
  department             TEXT NOT NULL DEFAULT '',
  email                  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contact_service ON contact(service_id);
CREATE INDEX contact_org ON contact(organization_id);

CREATE TABLE phone (
  id                     TEXT PRIMARY KEY,
  location_id            TEXT REFERENCES location(id) ON DELETE CASCADE,
  service_id             TEXT REFERENCES service(id) ON DELETE CASCADE,
  organization_id        TEXT REFERENCES organization(id) ON DELETE CASCADE,
  contact_id             TEXT REFERENCES contact(id) ON DELETE CASCADE,
  service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
  number                 TEXT NOT NULL,
  extension              TEXT NOT NULL DEFAULT '',
  type                   TEXT NOT NULL DEFAULT 'voice',
  description            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX phone_service ON phone(service_id);
CREATE INDEX phone_org ON phone(organization_id);
CREATE INDEX phone_location ON phone(location_id);

CREATE TABLE schedule (
  id                     TEXT PRIMARY KEY,
  service_id             TEXT REFERENCES service(id) ON DELETE CASCADE,
  location_id            TEXT REFERENCES location(id) ON DELETE CASCADE,
  service_at_location_id TEXT REFERENCES service_at_location(id) ON DELETE CASCADE,
  valid_from             TEXT,
  valid_to               TEXT,
  dtstart                TEXT,
  until                  TEXT,
  freq                   TEXT CHECK (freq IS NULL OR freq IN ('WEEKLY', 'MONTHLY')),
  interval               INTEGER,
  byday                  TEXT NOT NULL DEFAULT '',   -- e.g. MO,WE
  opens_at               TEXT,                       -- HH:MM
  closes_at              TEXT,
  description            TEXT NOT NULL DEFAULT '',   -- "Mo–Fr 9–12 Uhr, Anmeldung nötig"
  attending_type         TEXT NOT NULL DEFAULT '',
  notes                  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX schedule_service ON schedule(service_id);

-- Languages in which an offer is given (ISO 639-1 or -3 codes).
CREATE TABLE language (
  id          TEXT PRIMARY KEY,
  service_id  TEXT REFERENCES service(id) ON DELETE CASCADE,
  location_id TEXT REFERENCES location(id) ON DELETE CASCADE,
  phone_id    TEXT REFERENCES phone(id) ON DELETE CASCADE,
  name        TEXT NOT NULL DEFAULT '',
  code        TEXT NOT NULL CHECK (length(code) BETWEEN 2 AND 3),
  note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX language_service ON language(service_id, code);
CREATE INDEX language_code ON language(code);

CREATE TABLE cost_option (
  id                 TEXT PRIMARY KEY,
  service_id         TEXT NOT NULL REFERENCES service(id) ON DELETE CASCADE,
  valid_from         TEXT,
  valid_to           TEXT,
  option             TEXT NOT NULL DEFAULT '',
  currency           TEXT NOT NULL DEFAULT 'EUR',
  amount             REAL,
  amount_description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX cost_option_service ON cost_option(service_id);

CREATE TABLE funding (
  id              TEXT PRIMARY KEY,
  organization_id TEXT REFERENCES organization(id) ON DELETE CASCADE,
  service_id      TEXT REFERENCES service(id) ON DELETE CASCADE,
  source          TEXT NOT NULL
);
CREATE INDEX funding_service ON funding(service_id);

CREATE TABLE service_area (
  id          TEXT PRIMARY KEY,
  service_id  TEXT REFERENCES service(id) ON DELETE CASCADE,
  name        TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  extent      TEXT NOT NULL DEFAULT '',
  extent_type TEXT NOT NULL DEFAULT '',
  uri         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX service_area_service ON service_area(service_id);

CREATE TABLE taxonomy (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  uri         TEXT NOT NULL DEFAULT '',
  version     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE taxonomy_term (
  id          TEXT PRIMARY KEY,
  code        TEXT NOT NULL DEFAULT '',        -- stable short key, e.g. "sprachfoerderung"
  name        TEXT NOT NULL,                   -- German label
  description TEXT NOT NULL DEFAULT '',
  parent_id   TEXT REFERENCES taxonomy_term(id) ON DELETE SET NULL,
  taxonomy    TEXT NOT NULL DEFAULT '',
  language    TEXT NOT NULL DEFAULT 'de',
  taxonomy_id TEXT REFERENCES taxonomy(id) ON DELETE CASCADE,
  term_uri    TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0      -- display order within its taxonomy
);
CREATE INDEX taxonomy_term_taxonomy ON taxonomy_term(taxonomy_id, position);
CREATE UNIQUE INDEX taxonomy_term_code ON taxonomy_term(taxonomy_id, code);

-- Labels of a term in other languages than German.
CREATE TABLE taxonomy_term_label (
  term_id TEXT NOT NULL REFERENCES taxonomy_term(id) ON DELETE CASCADE,
  lang    TEXT NOT NULL CHECK (length(lang) = 2),
  name    TEXT NOT NULL,
  PRIMARY KEY (term_id, lang)
) WITHOUT ROWID;

-- Links taxonomy terms to services, organizations and locations.
CREATE TABLE attribute (
  id               TEXT PRIMARY KEY,
  link_id          TEXT NOT NULL,
  taxonomy_term_id TEXT NOT NULL REFERENCES taxonomy_term(id) ON DELETE CASCADE,
  link_type        TEXT NOT NULL DEFAULT '',
  link_entity      TEXT NOT NULL CHECK (link_entity IN ('service', 'organization', 'location')),
  value            TEXT NOT NULL DEFAULT '',
  UNIQUE (link_entity, link_id, taxonomy_term_id)
);
CREATE INDEX attribute_term ON attribute(taxonomy_term_id, link_entity, link_id);

-- The change log: who changed which field from what to what.
CREATE TABLE metadata (
  id                TEXT PRIMARY KEY,
  resource_id       TEXT NOT NULL,
  resource_type     TEXT NOT NULL,
  last_action_date  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  last_action_type  TEXT NOT NULL,            -- create, update, delete, archive, merge, approve, verify
  field_name        TEXT NOT NULL DEFAULT '',
  previous_value    TEXT NOT NULL DEFAULT '',
  replacement_value TEXT NOT NULL DEFAULT '',
  updated_by        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX metadata_resource ON metadata(resource_id, last_action_date);

-- A partner's proposed version of an offer, waiting for an editor. The
-- public keeps seeing the service row until the draft is approved.
CREATE TABLE service_draft (
  id           INTEGER PRIMARY KEY,
  service_id   TEXT REFERENCES service(id) ON DELETE CASCADE,  -- NULL: a new offer
  organization_id TEXT NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
  data         TEXT NOT NULL,                 -- JSON: the proposed fields
  submitted_by INTEGER REFERENCES user(id) ON DELETE SET NULL,
  submitted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  reviewed_by  INTEGER REFERENCES user(id) ON DELETE SET NULL,
  reviewed_at  TEXT,
  comment      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX service_draft_status ON service_draft(status, submitted_at);

-- Postcode centroids of the region, for "postcode + radius".
CREATE TABLE postcode (
  code      TEXT PRIMARY KEY,
  city      TEXT NOT NULL,
  latitude  REAL NOT NULL,
  longitude REAL NOT NULL
) WITHOUT ROWID;

-- Search synonyms and abbreviations (editable): a query word `term` also
-- searches for `expansion`.
CREATE TABLE search_synonym (
  term      TEXT NOT NULL,
  expansion TEXT NOT NULL,
  PRIMARY KEY (term, expansion)
) WITHOUT ROWID;
