-- 0051_search_names.sql — the finder's snapshot keeps what it names (the
-- taxonomies, their terms and labels, the postcodes) beside the offers'
-- index (src/directory/search/names.c), so that a finder page reads no
-- table. A change of them that marks no offer (a new term, a new label of
-- a term without offers, a postcode) renews the index's generation, and
-- with it the snapshot.

CREATE TRIGGER search_names_taxonomy_ai AFTER INSERT ON taxonomy BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_taxonomy_au AFTER UPDATE ON taxonomy BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_taxonomy_ad AFTER DELETE ON taxonomy BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_term_ai AFTER INSERT ON taxonomy_term BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_term_au AFTER UPDATE ON taxonomy_term BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_term_ad AFTER DELETE ON taxonomy_term BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_label_ai AFTER INSERT ON taxonomy_term_label BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_label_au AFTER UPDATE ON taxonomy_term_label BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_label_ad AFTER DELETE ON taxonomy_term_label BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_postcode_ai AFTER INSERT ON postcode BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_postcode_au AFTER UPDATE ON postcode BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
CREATE TRIGGER search_names_postcode_ad AFTER DELETE ON postcode BEGIN
  UPDATE search_state SET gen = gen + 1;
END;
