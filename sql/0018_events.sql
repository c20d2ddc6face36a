-- 0018_events.sql — events of the network (seminars, expert talks, network
-- meetings, information evenings, trainings) and the registrations of
-- people without an account (src/events/).
--
-- Times of an event are the network's local wall time, Europe/Berlin,
-- "YYYY-MM-DDTHH:MM" (as the editor typed them and as iCalendar writes
-- them with TZID=Europe/Berlin); they sort as text.
CREATE TABLE event (
  id             INTEGER PRIMARY KEY,
  uid            TEXT NOT NULL UNIQUE,          -- the iCalendar UID, stable for life
  type           TEXT NOT NULL CHECK (type IN ('seminar', 'talk', 'network', 'info', 'training')),
  title          TEXT NOT NULL,
  description_md TEXT NOT NULL DEFAULT '',
  starts_at      TEXT NOT NULL,
  ends_at        TEXT NOT NULL,
  location_id    TEXT,                          -- a directory location (uuid), or NULL
  place          TEXT NOT NULL DEFAULT '',      -- free text: the address, or "online"
  online_url     TEXT,                          -- shown to registered people only
  accessibility  TEXT NOT NULL DEFAULT '',
  languages      TEXT NOT NULL DEFAULT '',      -- language codes, comma-separated
  target_groups  TEXT NOT NULL DEFAULT '',
  capacity       INTEGER CHECK (capacity IS NULL OR capacity >= 0), -- NULL: no limit
  reg_opens_at   TEXT,                          -- local time; NULL: open from the start
  reg_closes_at  TEXT,                          -- local time; NULL: until the event starts
  series         TEXT NOT NULL DEFAULT '',
  cancelled      INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
  minutes_md     TEXT NOT NULL DEFAULT '',     -- the minutes (Markdown), staff only
  created_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  updated_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CHECK (ends_at >= starts_at)
);
CREATE INDEX event_starts ON event(starts_at);

-- Organisers and partners: providers of the directory, by id.
CREATE TABLE event_org (
  event_id INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  org_id   TEXT NOT NULL,
  role     TEXT NOT NULL CHECK (role IN ('organiser', 'partner')),
  PRIMARY KEY (event_id, org_id)
);

-- A registration. Only the hash of the personal link's token is kept.
-- name and email are NULL once `lotse maintenance` deleted them.
CREATE TABLE event_registration (
  id            INTEGER PRIMARY KEY,
  event_id      INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  token_hash    BLOB NOT NULL UNIQUE,
  name          TEXT,
  email         TEXT,
  organisation  TEXT,
  lang          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('confirmed', 'waiting', 'cancelled')),
  attended      INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
  consent_at    TEXT NOT NULL,
  created_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  cancelled_at  TEXT,
  erased_at     TEXT
);
CREATE INDEX event_registration_event ON event_registration(event_id, status, id);
-- one live registration per address and event
CREATE UNIQUE INDEX event_registration_email ON event_registration(event_id, lower(email))
  WHERE status <> 'cancelled' AND email IS NOT NULL;

-- The decisions and action items of an event's minutes: an action item
-- says who does what by when, and is ticked off when done.
CREATE TABLE event_item (
  id         INTEGER PRIMARY KEY,
  event_id   INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('decision', 'action')),
  text       TEXT NOT NULL,
  who        TEXT NOT NULL DEFAULT '',
  due        TEXT,                              -- "YYYY-MM-DD", action items only
  done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CHECK (kind = 'decision' OR due IS NOT NULL)
);
CREATE INDEX event_item_event ON event_item(event_id, id);
CREATE INDEX event_item_due ON event_item(kind, done, due);
