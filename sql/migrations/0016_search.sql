-- Search by words (docs/issues.md, "Search"; docs/performance.md). The lists and the library
-- compared each issue's text with pg_trgm's word similarity, 0.05-0.1 ms per text: a
-- department's search on the province year took 0.3-0.8 s, a province-wide one up to 2.8 s
-- (an issue code, whose trigrams are in every code, made every issue a candidate), beyond
-- 5 s at national size. Now:
-- - issues.search_words holds the words of the issue's search text (lower case, without
--   diacritics, split at every character that is not a letter or a digit) and each pair of
--   neighbouring words ("_dat dai"), as a tsvector with a GIN index, set by a trigger with
--   the search text itself;
-- - search_vocab keeps every word without digits that some issue has ever had, written by
--   triggers in the same transaction as the issue;
-- - search_query(q) turns what the user typed into a tsquery over those words: every word of
--   q must be there, in any order; the last may be the start of a word (typing "yen tru"
--   finds "Yên Trường"); a word of three letters or more without digits may instead be a
--   near spelling from the vocabulary (one letter added, missing or changed, two neighbours
--   swapped: "dia" for "dai", "truog" for "truong") found next to the word typed before or
--   after it ("tranh chap dat dia" finds "... đất đai ...", not an issue with "dai" somewhere
--   else: short Vietnamese words are one letter from many others), or two words typed
--   together ("yentruong"); a near spelling must keep 60 % of the trigrams of the word and
--   its neighbour (pg_trgm's word-similarity threshold, which the search used before); a
--   word typed alone, of its own. Words with digits (issue codes, numbers) are exact, and a
--   number of up to five digits typed alone also finds the code's six (12345 finds
--   KN-2026-012345).
-- A search costs the few vocabulary lookups of q, a GIN lookup and one visit per match.

-- The words of a text that is already lower case and without diacritics, in order, each cut
-- at 64 characters.
CREATE FUNCTION search_split(t text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT left(w, 64)
    FROM unnest(string_to_array(regexp_replace(t, '[^[:alnum:]]+', ' ', 'g'), ' ')) w
    WHERE w <> ''
$$;

-- The words of an issue's search text and the pairs of neighbouring words ('_' first: no
-- word has one, so the pairs never answer a word's prefix).
CREATE FUNCTION search_words(t text) RETURNS tsvector LANGUAGE plpgsql IMMUTABLE
PARALLEL SAFE AS $$
DECLARE
    out text[] := '{}';
    prev text;
    w text;
BEGIN
    FOREACH w IN ARRAY string_to_array(trim(regexp_replace(coalesce(t, ''), '[^[:alnum:]]+',
                                                           ' ', 'g')), ' ') LOOP
        w := left(w, 64);
        out := out || w;
        IF prev IS NOT NULL THEN
            out := out || ('_' || prev || ' ' || w);
        END IF;
        prev := w;
    END LOOP;
    RETURN array_to_tsvector(out);
END $$;

-- No unique index: two transactions that bring the same new word at the same time each add
-- it (a duplicate costs nothing), and neither waits for the other.
CREATE TABLE search_vocab (
    word text NOT NULL
);

-- The trigram index of 0003 goes first, so that the rewrite below does not rebuild it: no
-- search reads it now, and every write of an issue's text paid for it.
DROP INDEX issues_search_trgm;

ALTER TABLE issues ADD COLUMN search_words tsvector;

-- After 0003's issues_search (triggers of a kind fire in the order of their names), which
-- sets the search text.
CREATE FUNCTION issues_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.search_text IS DISTINCT FROM OLD.search_text
       OR NEW.search_words IS NULL THEN
        NEW.search_words := search_words(NEW.search_text);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER issues_search_words BEFORE INSERT OR UPDATE OF title, description, answer,
    search_text ON issues FOR EACH ROW EXECUTE FUNCTION issues_search_words();

-- New words into the vocabulary: for an INSERT, once for all its rows (a bulk load looks its
-- words up once, not row by row); for an edit, the edited issue's.
CREATE FUNCTION search_vocab_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_vocab (word)
    SELECT DISTINCT w FROM added a, unnest(tsvector_to_array(a.search_words)) w
    WHERE w !~ '[0-9_ ]' AND NOT EXISTS (SELECT 1 FROM search_vocab v WHERE v.word = w);
    RETURN NULL;
END $$;
CREATE FUNCTION search_vocab_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO search_vocab (word)
    SELECT w FROM unnest(tsvector_to_array(NEW.search_words)) w
    WHERE w !~ '[0-9_ ]' AND NOT EXISTS (SELECT 1 FROM search_vocab v WHERE v.word = w);
    RETURN NULL;
END $$;

-- Backfill: one rewrite of issues with the words computed (no trigger fires), then the
-- indexes and the vocabulary. ADD COLUMN has locked issues until this migration commits: no
-- issue is written meanwhile. On the generated province year (50,000 issues) it all takes
-- ~10 s (the rewrite with the rebuild of every index of issues ~5 s, the GIN index ~3 s, the
-- vocabulary ~1.5 s); a million issues, about twenty times that (estimated, not measured).
ALTER TABLE issues ALTER COLUMN search_words TYPE tsvector USING search_words(search_text);
CREATE INDEX issues_search_words_idx ON issues USING gin (search_words);
INSERT INTO search_vocab (word)
SELECT DISTINCT w FROM issues, unnest(tsvector_to_array(search_words)) w
WHERE w !~ '[0-9_ ]';
CREATE INDEX search_vocab_word_idx ON search_vocab (word);
CREATE TRIGGER search_vocab_insert AFTER INSERT ON issues REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION search_vocab_insert();
CREATE TRIGGER search_vocab_update AFTER UPDATE OF title, description, answer, search_text
    ON issues FOR EACH ROW WHEN (OLD.search_words IS DISTINCT FROM NEW.search_words)
    EXECUTE FUNCTION search_vocab_update();

-- A word, or a pair of words, as a tsquery operand.
CREATE FUNCTION search_lexeme(w text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT '''' || replace(replace(w, '\', '\\'), '''', '''''') || ''''
$$;

-- How many of the trigrams trg (pg_trgm's, as the word similarity counted them) are not
-- among those of the words ws.
CREATE FUNCTION search_trgm_lost(trg text[], VARIADIC ws text[]) RETURNS integer
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
    have text[] := '{}';
    w text;
    x text;
    lost integer := 0;
BEGIN
    FOREACH w IN ARRAY ws LOOP
        have := have || show_trgm(w);
    END LOOP;
    FOREACH x IN ARRAY trg LOOP
        IF NOT x = ANY (have) THEN
            lost := lost + 1;
        END IF;
    END LOOP;
    RETURN lost;
END $$;

-- The words of the vocabulary one edit away from word t: a letter added, missing or changed,
-- or two neighbouring letters swapped. (PL/pgSQL with generic plans: planned once per
-- session, not on every call.)
CREATE FUNCTION search_near(t text) RETURNS text[] LANGUAGE plpgsql STABLE PARALLEL SAFE
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    n integer := length(t);
    edits text[];
BEGIN
    edits := ARRAY(
        SELECT overlay(t PLACING '' FROM p FOR 1) FROM generate_series(1, n) p
        UNION ALL
        SELECT overlay(t PLACING substr(t, p + 1, 1) || substr(t, p, 1) FROM p FOR 2)
        FROM generate_series(1, n - 1) p
        UNION ALL
        SELECT overlay(t PLACING chr(c) FROM p FOR 1)
        FROM generate_series(1, n) p, generate_series(97, 122) c
        UNION ALL
        SELECT overlay(t PLACING chr(c) FROM p FOR 0)
        FROM generate_series(1, n + 1) p, generate_series(97, 122) c);
    RETURN ARRAY(SELECT DISTINCT v.word FROM search_vocab v
                 WHERE v.word = ANY (edits) AND v.word <> t ORDER BY 1);
END $$;

-- What the user typed as a tsquery over issues.search_words (NULL when it has no word).
CREATE FUNCTION search_query(q text) RETURNS tsquery LANGUAGE plpgsql STABLE PARALLEL SAFE
SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    -- The words of q: lower case, without diacritics, in order.
    toks text[] := ARRAY(SELECT search_split(unaccent(lower(q))));
    k integer := cardinality(toks);
    t text;
    trg text[];
    alts text[];
    near text[];
    found text[];
    v text;
    terms text[] := '{}';
BEGIN
    IF k = 0 THEN
        RETURN NULL;
    END IF;
    FOR i IN 1 .. k LOOP
        t := toks[i];
        -- The word itself; the last also as the start of a word; a short number alone also
        -- as the six digits of a code.
        alts := ARRAY[search_lexeme(t) || CASE WHEN i = k AND length(t) >= 2 THEN ':*' ELSE '' END];
        IF k = 1 AND t ~ '^[0-9]{1,5}$' THEN
            alts := alts || search_lexeme(lpad(t, 6, '0'));
        END IF;
        IF t !~ '[0-9]' AND length(t) >= 3 THEN
            trg := show_trgm(t);
            near := search_near(t);
            FOREACH v IN ARRAY near LOOP
                IF k = 1 THEN
                    -- Alone: a near spelling that keeps 60 % of its own trigrams.
                    IF search_trgm_lost(trg, v) <= 0.4 * cardinality(trg) THEN
                        alts := alts || search_lexeme(v);
                    END IF;
                    CONTINUE;
                END IF;
                -- Next to the word typed before it, or after it.
                IF i > 1 AND search_trgm_lost(trg, v)
                             <= 0.4 * (cardinality(trg) + cardinality(show_trgm(toks[i - 1]))) THEN
                    alts := alts || search_lexeme('_' || toks[i - 1] || ' ' || v);
                END IF;
                IF i < k AND search_trgm_lost(trg, v)
                             <= 0.4 * (cardinality(trg) + cardinality(show_trgm(toks[i + 1]))) THEN
                    alts := alts || (search_lexeme('_' || v || ' ' || toks[i + 1])
                                     || CASE WHEN i + 1 = k AND length(toks[k]) >= 2 THEN ':*'
                                             ELSE '' END);
                END IF;
            END LOOP;
            -- Two words typed together: both in the vocabulary, next to each other.
            IF length(t) >= 4 THEN
                found := ARRAY(SELECT v.word FROM search_vocab v WHERE v.word = ANY (ARRAY(
                    SELECT left(t, p) FROM generate_series(2, length(t) - 2) p
                    UNION ALL SELECT substr(t, p + 1) FROM generate_series(2, length(t) - 2) p)));
                FOR p IN 2 .. length(t) - 2 LOOP
                    IF left(t, p) = ANY (found) AND substr(t, p + 1) = ANY (found)
                       AND search_trgm_lost(trg, left(t, p), substr(t, p + 1))
                           <= 0.4 * cardinality(trg) THEN
                        alts := alts || search_lexeme('_' || left(t, p) || ' ' || substr(t, p + 1));
                    END IF;
                END LOOP;
            END IF;
        END IF;
        terms := terms || ('(' || array_to_string(alts, ' | ') || ')');
    END LOOP;
    RETURN array_to_string(terms, ' & ')::tsquery;
END $$;
