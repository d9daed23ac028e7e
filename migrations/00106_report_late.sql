-- The yearly report's late reports without reading every trip of the year.
--
-- report_trip_late  per trip whose report has been submitted (report submitted,
--                   approved or published), the year the trip ended and whether the
--                   report came after its due date (the trip's end plus the
--                   municipality's report_deadline_days);
-- report_late_sum   per municipality and year the trips ended in, how many reports
--                   came on time and how many late.
--
-- Reports still owed are not kept here: they change with the day, and the overdue
-- list already finds them from trip_status_idx (few trips have a report owed).
--
-- The rows are refreshed, in the same transaction, when a trip's figures are
-- refreshed (every change of a trip, and the demo loader's refresh at the end of a
-- bulk load), when a trip's own row changes (status, dates) and when its report
-- changes (deletes even in a bulk delete, such as the demo's removal), and for
-- every trip of a municipality whose report deadline changes.

-- +goose Up
CREATE TABLE report_trip_late (
    trip_id         bigint  PRIMARY KEY,  -- no foreign key: see report_trip_mode (00105)
    municipality_id bigint  NOT NULL,
    year            integer NOT NULL,
    late            boolean NOT NULL
);

CREATE TABLE report_late_sum (
    municipality_id bigint  NOT NULL,
    year            integer NOT NULL,
    on_time         integer NOT NULL CHECK (on_time >= 0),
    late            integer NOT NULL CHECK (late >= 0),
    PRIMARY KEY (municipality_id, year)
);

-- +goose StatementBegin
CREATE FUNCTION report_late_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
    WITH gone AS (DELETE FROM report_trip_late WHERE trip_id = ANY(ids) RETURNING *),
    d AS (SELECT municipality_id, year, count(*) FILTER (WHERE NOT late)::int AS o,
                 count(*) FILTER (WHERE late)::int AS l
          FROM gone GROUP BY 1, 2)
    UPDATE report_late_sum s SET on_time = s.on_time - d.o, late = s.late - d.l
      FROM d WHERE s.municipality_id = d.municipality_id AND s.year = d.year;
    DELETE FROM report_late_sum WHERE on_time = 0 AND late = 0;
    WITH fresh AS (
        INSERT INTO report_trip_late (trip_id, municipality_id, year, late)
        SELECT t.id, t.municipality_id, extract(year FROM t.ends_on)::int,
               rp.submitted_at::date > t.ends_on + m.report_deadline_days
          FROM trip t JOIN municipality m ON m.id = t.municipality_id
          JOIN trip_report rp ON rp.trip_id = t.id
         WHERE t.id = ANY(ids) AND t.archived_at IS NULL AND t.reference IS NOT NULL
           AND t.ends_on IS NOT NULL AND rp.submitted_at IS NOT NULL
           AND t.status IN ('report_submitted', 'report_approved', 'published')
        RETURNING *)
    INSERT INTO report_late_sum (municipality_id, year, on_time, late)
    SELECT municipality_id, year, count(*) FILTER (WHERE NOT late), count(*) FILTER (WHERE late)
      FROM fresh GROUP BY 1, 2
    ON CONFLICT (municipality_id, year) DO UPDATE SET
        on_time = report_late_sum.on_time + EXCLUDED.on_time, late = report_late_sum.late + EXCLUDED.late;
END $$;
-- +goose StatementEnd

-- TG_ARGV[0] names the column that holds the trip's id ('id' on trip).
-- +goose StatementBegin
CREATE FUNCTION report_late_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    col  text := TG_ARGV[0];
    rows text;
    ids  bigint[];
BEGIN
    -- A bulk load refreshes once at the end (through trip_figures); a bulk delete
    -- (the demo's removal) is followed here, once per statement.
    IF current_setting('portal.bulk_load', true) = 'on' AND TG_OP <> 'DELETE' THEN RETURN NULL; END IF;
    rows := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM new_rows'
                       WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
                       ELSE 'SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows' END;
    EXECUTE format('SELECT array_agg(DISTINCT r.%I) FROM (%s) r', col, rows) INTO ids;
    PERFORM report_late_refresh(ids);
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION report_late_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_late_refresh(ARRAY(
        SELECT t.id FROM trip t JOIN new_rows n ON n.id = t.municipality_id JOIN old_rows o ON o.id = n.id
         WHERE n.report_deadline_days IS DISTINCT FROM o.report_deadline_days));
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER report_late_figures_ins AFTER INSERT ON trip_figures
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_late_changed('trip_id');
CREATE TRIGGER report_late_figures_upd AFTER UPDATE ON trip_figures
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_late_changed('trip_id');
CREATE TRIGGER report_late_trip_upd AFTER UPDATE ON trip
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_late_changed('id');
CREATE TRIGGER report_late_trip_del AFTER DELETE ON trip
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_late_changed('id');
CREATE TRIGGER report_late_report_ins AFTER INSERT ON trip_report
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_late_changed('trip_id');
CREATE TRIGGER report_late_report_upd AFTER UPDATE ON trip_report
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_late_changed('trip_id');
CREATE TRIGGER report_late_report_del AFTER DELETE ON trip_report
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_late_changed('trip_id');
CREATE TRIGGER report_late_deadline_upd AFTER UPDATE ON municipality
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_late_deadline();

SELECT report_late_refresh(ARRAY(SELECT trip_id FROM trip_report WHERE submitted_at IS NOT NULL));

-- +goose Down
DROP TRIGGER report_late_deadline_upd ON municipality;
DROP TRIGGER report_late_report_del ON trip_report;
DROP TRIGGER report_late_report_upd ON trip_report;
DROP TRIGGER report_late_report_ins ON trip_report;
DROP TRIGGER report_late_trip_del ON trip;
DROP TRIGGER report_late_trip_upd ON trip;
DROP TRIGGER report_late_figures_upd ON trip_figures;
DROP TRIGGER report_late_figures_ins ON trip_figures;
DROP FUNCTION report_late_deadline();
DROP FUNCTION report_late_changed();
DROP FUNCTION report_late_refresh(bigint[]);
DROP TABLE report_late_sum;
DROP TABLE report_trip_late;
