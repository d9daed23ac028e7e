-- A short title for every trip: the heading of its pages, the name of its register
-- row, search result, feed entry and calendar event. The purpose (why the trip is
-- made, a sentence or two) stays as it was.
--
-- Trips entered before titles existed get one derived from their purpose: its first
-- sentence (or line), cut at a word boundary to at most 80 characters with "…".
-- The register's summary rows (register_entry, register_sum, register_facet) do not
-- hold the title: the register reads its page's 25 rows from trip itself, so the
-- covering indexes behind its counts and sums are untouched. The search document of
-- a trip takes the title as its title and keeps the purpose searchable in its body.

-- +goose Up
ALTER TABLE trip ADD COLUMN title text NOT NULL DEFAULT '';

-- +goose StatementBegin
CREATE FUNCTION trip_title_from_purpose(purpose text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    s text;
    cut text;
BEGIN
    -- The first line, then the first sentence of it.
    s := btrim(regexp_replace(split_part(btrim(purpose), E'\n', 1), '\s+', ' ', 'g'));
    s := btrim(regexp_replace(s, '([.!?])\s.*$', '\1'));
    s := btrim(regexp_replace(s, '\.$', ''));
    IF char_length(s) <= 80 THEN
        RETURN s;
    END IF;
    cut := substr(s, 1, 79);
    IF position(' ' IN cut) > 0 THEN
        cut := regexp_replace(cut, '\s+\S*$', '');
    END IF;
    RETURN btrim(cut, ' ,;:-') || '…';
END $$;
-- +goose StatementEnd

-- Only the title changes: the figures and register rows need no refresh.
SET LOCAL portal.bulk_load = 'on';
UPDATE trip SET title = trip_title_from_purpose(purpose) WHERE purpose <> '';
RESET portal.bulk_load;
DROP FUNCTION trip_title_from_purpose(text);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_refresh_trips(ids bigint[]) RETURNS void LANGUAGE sql AS $$
DELETE FROM search_document d
 WHERE d.kind = 'trip' AND d.source_id IN (SELECT unnest(ids))
   AND NOT EXISTS (SELECT 1 FROM trip t
                    WHERE t.id = d.source_id AND t.status = 'published' AND t.archived_at IS NULL);
INSERT INTO search_document AS d (kind, source_id, municipality_id, language, config, title, keywords, summary, body, reference, is_demo)
SELECT 'trip', t.id, t.municipality_id, m.languages[1], search_config(m.languages[1]),
       coalesce(nullif(t.title, ''), nullif(t.purpose, ''), t.reference), t.reference,
       concat_ws(' · ', dest.text, trav.text, nullif(t.organiser, '')),
       concat_ws(E'\n\n', nullif(t.purpose, ''), nullif(r.goal, ''), nullif(r.outcome, ''), nullif(r.follow_up, '')),
       t.reference, t.is_demo
  FROM trip t
  JOIN municipality m ON m.id = t.municipality_id
  LEFT JOIN trip_report r ON r.trip_id = t.id
  LEFT JOIN LATERAL (
       SELECT string_agg(dd.city, ', ' ORDER BY dd.position) AS text
         FROM trip_destination dd WHERE dd.trip_id = t.id) dest ON true
  LEFT JOIN LATERAL (
       SELECT string_agg(concat_ws(', ', tt.name, nullif(tt.role, '')), '; ' ORDER BY tt.position) AS text
         FROM trip_traveller tt WHERE tt.trip_id = t.id) trav ON true
 WHERE t.id IN (SELECT unnest(ids)) AND t.status = 'published' AND t.archived_at IS NULL
ON CONFLICT (kind, source_id) DO UPDATE
   SET municipality_id = EXCLUDED.municipality_id, language = EXCLUDED.language, config = EXCLUDED.config,
       title = EXCLUDED.title, keywords = EXCLUDED.keywords, summary = EXCLUDED.summary, body = EXCLUDED.body,
       reference = EXCLUDED.reference, is_demo = EXCLUDED.is_demo
 WHERE (d.municipality_id, d.language, d.config, d.title, d.keywords, d.summary, d.body, d.reference, d.is_demo)
       IS DISTINCT FROM (EXCLUDED.municipality_id, EXCLUDED.language, EXCLUDED.config, EXCLUDED.title,
                         EXCLUDED.keywords, EXCLUDED.summary, EXCLUDED.body, EXCLUDED.reference, EXCLUDED.is_demo);
$$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION search_refresh_trips(ids bigint[]) RETURNS void LANGUAGE sql AS $$
DELETE FROM search_document d
 WHERE d.kind = 'trip' AND d.source_id IN (SELECT unnest(ids))
   AND NOT EXISTS (SELECT 1 FROM trip t
                    WHERE t.id = d.source_id AND t.status = 'published' AND t.archived_at IS NULL);
INSERT INTO search_document AS d (kind, source_id, municipality_id, language, config, title, keywords, summary, body, reference, is_demo)
SELECT 'trip', t.id, t.municipality_id, m.languages[1], search_config(m.languages[1]),
       coalesce(nullif(t.purpose, ''), t.reference), t.reference,
       concat_ws(' · ', dest.text, trav.text, nullif(t.organiser, '')),
       concat_ws(E'\n\n', nullif(r.goal, ''), nullif(r.outcome, ''), nullif(r.follow_up, '')),
       t.reference, t.is_demo
  FROM trip t
  JOIN municipality m ON m.id = t.municipality_id
  LEFT JOIN trip_report r ON r.trip_id = t.id
  LEFT JOIN LATERAL (
       SELECT string_agg(dd.city, ', ' ORDER BY dd.position) AS text
         FROM trip_destination dd WHERE dd.trip_id = t.id) dest ON true
  LEFT JOIN LATERAL (
       SELECT string_agg(concat_ws(', ', tt.name, nullif(tt.role, '')), '; ' ORDER BY tt.position) AS text
         FROM trip_traveller tt WHERE tt.trip_id = t.id) trav ON true
 WHERE t.id IN (SELECT unnest(ids)) AND t.status = 'published' AND t.archived_at IS NULL
ON CONFLICT (kind, source_id) DO UPDATE
   SET municipality_id = EXCLUDED.municipality_id, language = EXCLUDED.language, config = EXCLUDED.config,
       title = EXCLUDED.title, keywords = EXCLUDED.keywords, summary = EXCLUDED.summary, body = EXCLUDED.body,
       reference = EXCLUDED.reference, is_demo = EXCLUDED.is_demo
 WHERE (d.municipality_id, d.language, d.config, d.title, d.keywords, d.summary, d.body, d.reference, d.is_demo)
       IS DISTINCT FROM (EXCLUDED.municipality_id, EXCLUDED.language, EXCLUDED.config, EXCLUDED.title,
                         EXCLUDED.keywords, EXCLUDED.summary, EXCLUDED.body, EXCLUDED.reference, EXCLUDED.is_demo);
$$;
-- +goose StatementEnd
ALTER TABLE trip DROP COLUMN title;
