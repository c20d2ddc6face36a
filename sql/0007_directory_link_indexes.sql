-- 0007_directory_link_indexes.sql — indexes on the directory's foreign-key
-- columns that had none. SQLite looks up the rows that point at a row
-- whenever that row is deleted or its id changes (ON DELETE CASCADE / SET
-- NULL, and the checks themselves); without an index each lookup reads the
-- whole table. Saving an offer deletes and re-adds its service_at_location
-- rows, so with 100,000 offers every save read the phone, contact and
-- schedule tables in full. (merged_into has none on purpose: nearly all
-- its values are NULL, and an index would be chosen for "IS NULL" and be
-- slower than reading the table.)

CREATE INDEX phone_sal ON phone(service_at_location_id);
CREATE INDEX phone_contact ON phone(contact_id);
CREATE INDEX contact_sal ON contact(service_at_location_id);
CREATE INDEX contact_location ON contact(location_id);
CREATE INDEX schedule_sal ON schedule(service_at_location_id);
CREATE INDEX schedule_location ON schedule(location_id);
CREATE INDEX language_location ON language(location_id);
CREATE INDEX language_phone ON language(phone_id);
CREATE INDEX funding_org ON funding(organization_id);
CREATE INDEX organization_parent ON organization(parent_organization_id);
CREATE INDEX taxonomy_term_parent ON taxonomy_term(parent_id);

-- The HSDS API's lists filter and count all public offers: this index
-- holds every column they need, so they do not read the wide rows.
CREATE INDEX service_list ON service(archived, name, id, organization_id, merged_into, last_modified);
