-- 0035_analysis_facts_index.sql — an index on the directory's offers for
-- the evidence loop's reading of them (dir_facts in src/directory/facts.c):
-- the current offers with their places and whether they are free, in id
-- order, without reading the wide rows (100,000 offers in milliseconds
-- instead of seconds).

CREATE INDEX service_facts ON service(archived, status, merged_into, id, capacity, free_of_charge);
