-- The yearly report's visits per partnership without counting them.
--
-- report_partnership_year holds, per partnership and year a trip began in, how many
-- published trips were made for it or to its partner city: the rows of
-- register_partnership (migration 00062) counted by year, moved by statement
-- triggers on it in the same transaction. At 100,000 trips Berlin's partnerships
-- have some 24,000 visits in two years; the report reads a few dozen rows instead.
--
-- trip_report_owed_idx: the trips whose report is still owed (approved, carried out
-- or returned), by end date, so the report counts the overdue ones of two years from
-- a short range of one index.

-- +goose Up
CREATE TABLE report_partnership_year (
    partnership_id bigint  NOT NULL REFERENCES partnership ON DELETE CASCADE,
    year           integer NOT NULL,  -- 0 for a trip without dates
    visits         integer NOT NULL CHECK (visits >= 0),
    PRIMARY KEY (partnership_id, year)
);

-- +goose StatementBegin
CREATE FUNCTION report_partnership_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        WITH d AS (SELECT partnership_id, coalesce(extract(year FROM starts_on)::int, 0) AS year, count(*)::int AS n
                   FROM old_rows GROUP BY 1, 2)
        UPDATE report_partnership_year r SET visits = r.visits - d.n
          FROM d WHERE r.partnership_id = d.partnership_id AND r.year = d.year;
        DELETE FROM report_partnership_year WHERE visits = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO report_partnership_year (partnership_id, year, visits)
        SELECT n.partnership_id, coalesce(extract(year FROM n.starts_on)::int, 0), count(*)
          FROM new_rows n WHERE EXISTS (SELECT 1 FROM partnership p WHERE p.id = n.partnership_id)
         GROUP BY 1, 2
        ON CONFLICT (partnership_id, year) DO UPDATE SET visits = report_partnership_year.visits + EXCLUDED.visits;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER report_partnership_ins AFTER INSERT ON register_partnership
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_partnership_move();
CREATE TRIGGER report_partnership_upd AFTER UPDATE ON register_partnership
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_partnership_move();
CREATE TRIGGER report_partnership_del AFTER DELETE ON register_partnership
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_partnership_move();

INSERT INTO report_partnership_year (partnership_id, year, visits)
SELECT partnership_id, coalesce(extract(year FROM starts_on)::int, 0), count(*)
  FROM register_partnership GROUP BY 1, 2;

CREATE INDEX trip_report_owed_idx ON trip (municipality_id, ends_on)
    WHERE status IN ('approved', 'completed', 'report_returned') AND archived_at IS NULL AND reference IS NOT NULL;

-- +goose Down
DROP INDEX trip_report_owed_idx;
DROP TRIGGER report_partnership_del ON register_partnership;
DROP TRIGGER report_partnership_upd ON register_partnership;
DROP TRIGGER report_partnership_ins ON register_partnership;
DROP FUNCTION report_partnership_move();
DROP TABLE report_partnership_year;
