-- gen_evidence.sql — needs and outcomes for bench/analysis.sh (#17),
-- written straight into a database that holds the generated offers:
-- a survey of three tagged questions (place, language, needs: a multiple
-- choice of three kinds of offer) with 1,000,000 complete responses, and
-- 50,000 counselling cases with consent to statistics, one referral each
-- and follow-ups at 6 and 12 months. Counts, no personal data.
-- The sealed columns hold a placeholder byte: nothing here is decrypted.
BEGIN;
INSERT INTO survey(id, code, status, activated_at) VALUES (900001, 'bench-bedarf', 'active', '2026-01-01 00:00:00');
INSERT INTO survey_page(id, survey_id, pos) VALUES (900001, 900001, 0);
INSERT INTO survey_question(id, survey_id, page_id, pos, code, type) VALUES
  (900001, 900001, 900001, 0, 'ort', 'single'),
  (900002, 900001, 900001, 1, 'sprache', 'single'),
  (900003, 900001, 900001, 2, 'bedarf', 'multiple');
-- places: the first 10 terms of 'ort'; languages: six; needs: 10 kinds
CREATE TEMP TABLE g_ort AS SELECT row_number() OVER (ORDER BY t.position, t.code) - 1 AS k, t.code
  FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.uri = 'urn:lotse:taxonomy:ort' LIMIT 10;
CREATE TEMP TABLE g_kind AS SELECT row_number() OVER (ORDER BY t.position, t.code) - 1 AS k, t.code
  FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.uri = 'urn:lotse:taxonomy:angebotsart' LIMIT 10;
CREATE TEMP TABLE g_lang(k INTEGER, code TEXT);
INSERT INTO g_lang VALUES (0, 'de'), (1, 'ar'), (2, 'fa'), (3, 'tr'), (4, 'uk'), (5, 'ru');
INSERT INTO survey_option(id, question_id, kind, pos, code) SELECT 900100 + k, 900001, 'option', k, 'o' || k FROM g_ort;
INSERT INTO survey_option(id, question_id, kind, pos, code) SELECT 900200 + k, 900002, 'option', k, 'l' || k FROM g_lang;
INSERT INTO survey_option(id, question_id, kind, pos, code) SELECT 900300 + k, 900003, 'option', k, 'b' || k FROM g_kind;
INSERT INTO survey_tag(question_id, option_id, dim, term) SELECT 900001, 900100 + k, 'district', code FROM g_ort;
INSERT INTO survey_tag(question_id, option_id, dim, term) SELECT 900002, 900200 + k, 'language', code FROM g_lang;
INSERT INTO survey_tag(question_id, option_id, dim, term) SELECT 900003, 900300 + k, 'need', code FROM g_kind;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO survey_response(id, survey_id, status, source, completed_at)
  SELECT i, 900001, 'complete', 'import', printf('2026-%02d-%02d 12:00:00', 1 + i % 12, 1 + i % 28) FROM n;
INSERT INTO survey_answer(question_id, response_id, part, value)
  SELECT 900001, id, '', 'o' || ((id * 7) % 10) FROM survey_response WHERE survey_id = 900001;
INSERT INTO survey_answer(question_id, response_id, part, value)
  SELECT 900002, id, '', 'l' || ((id * 13) % 6) FROM survey_response WHERE survey_id = 900001;
INSERT INTO survey_answer(question_id, response_id, part, value)
  SELECT 900003, id, 'b' || ((id * 3) % 10), 'Y' FROM survey_response WHERE survey_id = 900001;
INSERT INTO survey_answer(question_id, response_id, part, value)
  SELECT 900003, id, 'b' || ((id * 3 + 1 + id % 4) % 10), 'Y' FROM survey_response WHERE survey_id = 900001;
-- 50,000 cases, each with consent to statistics, a referral and two follow-ups
CREATE TEMP TABLE g_stage AS SELECT row_number() OVER (ORDER BY t.position, t.code) - 1 AS k, t.code
  FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.uri = 'urn:lotse:taxonomy:uebergangsphase';
CREATE TEMP TABLE g_group AS SELECT row_number() OVER (ORDER BY t.position, t.code) - 1 AS k, t.code
  FROM taxonomy_term t JOIN taxonomy x ON x.id = t.taxonomy_id WHERE x.uri = 'urn:lotse:taxonomy:zielgruppe';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000)
INSERT INTO counsel_case(id, pseudonym, owner_id, wrapped_key, stage, target_group, district, languages, needs, opened_on)
  SELECT 800000 + i, printf('B-%06d', i), 1, x'00',
    (SELECT code FROM g_stage WHERE k = i % (SELECT count(*) FROM g_stage)),
    (SELECT code FROM g_group WHERE k = i % (SELECT count(*) FROM g_group)),
    (SELECT code FROM g_ort WHERE k = (i * 7) % 10),
    (SELECT code FROM g_lang WHERE k = i % 6) || CASE WHEN i % 5 = 0 THEN ',de' ELSE '' END,
    (SELECT code FROM g_kind WHERE k = i % 10), printf('2026-%02d-01', 1 + i % 12) FROM n;
INSERT INTO counsel_consent(case_id, purpose, given_by, given_on, text_version, recorded_by)
  SELECT id, 'statistics', 'self', opened_on, 'v1', 1 FROM counsel_case WHERE id > 800000;
INSERT INTO counsel_referral(id, case_id, service_id, org_id, service_name, status, created_on)
  SELECT c.id, c.id, s.id, s.organization_id, s.name,
    CASE c.id % 7 WHEN 0 THEN 'declined' WHEN 1 THEN 'dropped' WHEN 2 THEN 'sent' WHEN 3 THEN 'started' ELSE 'completed' END,
    c.opened_on
  FROM counsel_case c JOIN (SELECT id, organization_id, name, row_number() OVER (ORDER BY id) AS k FROM service
                            WHERE status = 'active' LIMIT 2000) s ON s.k = 1 + c.id % 2000
  WHERE c.id > 800000;
INSERT INTO counsel_outcome(case_id, referral_id, months, due_on, result, recorded_on)
  SELECT case_id, id, m.months, '2027-01-01',
    CASE (id + m.months) % 6 WHEN 0 THEN 'apprenticeship' WHEN 1 THEN 'eq' WHEN 2 THEN 'school' WHEN 3 THEN 'job'
      WHEN 4 THEN 'none' ELSE 'unknown' END, '2027-01-01'
  FROM counsel_referral, (SELECT 6 AS months UNION ALL SELECT 12) m WHERE case_id > 800000;
COMMIT;
