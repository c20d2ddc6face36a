-- 0029_interviews_coder_index.sql — the codings of a coder (the coders'
-- counts on the retrieval and agreement pages read them by coder).
CREATE INDEX iv_coding_coder ON iv_coding(coder_id);
