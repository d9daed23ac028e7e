-- One upload belongs to one record. Every place that holds an attachment is
-- listed in attachment_use; a trigger on each refuses (unique_violation) an
-- attachment that another record holds already, after locking the attachment
-- row so that two transactions cannot both take it. Uploads that no record
-- holds are deleted after a day by the cleanup that portal serve runs.

-- +goose Up
CREATE VIEW attachment_use (attachment_id, entity, entity_id) AS
    SELECT document_id, 'agreement', id FROM agreement WHERE document_id IS NOT NULL
    UNION ALL SELECT attachment_id, 'trip', trip_id FROM trip_attachment
    UNION ALL SELECT report_id, 'meeting_report', id FROM twin_city_meeting WHERE report_id IS NOT NULL
    UNION ALL SELECT evaluation_id, 'meeting_evaluation', id FROM twin_city_meeting WHERE evaluation_id IS NOT NULL;

-- +goose StatementBegin
CREATE FUNCTION attachment_take(att bigint, holder text, holder_id bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF att IS NULL THEN
        RETURN;
    END IF;
    PERFORM 1 FROM attachment WHERE id = att FOR UPDATE;
    IF EXISTS (SELECT 1 FROM attachment_use u
               WHERE u.attachment_id = att AND NOT (u.entity = holder AND u.entity_id = holder_id)) THEN
        RAISE EXCEPTION 'attachment % belongs to another record', att
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'attachment_one_record';
    END IF;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION attachment_take_trg() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    CASE TG_TABLE_NAME
    WHEN 'agreement' THEN
        PERFORM attachment_take(NEW.document_id, 'agreement', NEW.id);
    WHEN 'trip_attachment' THEN
        PERFORM attachment_take(NEW.attachment_id, 'trip', NEW.trip_id);
    WHEN 'twin_city_meeting' THEN
        IF NEW.report_id = NEW.evaluation_id THEN
            RAISE EXCEPTION 'attachment % belongs to another record', NEW.report_id
                USING ERRCODE = 'unique_violation', CONSTRAINT = 'attachment_one_record';
        END IF;
        PERFORM attachment_take(NEW.report_id, 'meeting_report', NEW.id);
        PERFORM attachment_take(NEW.evaluation_id, 'meeting_evaluation', NEW.id);
    END CASE;
    RETURN NEW;
END $$;
-- +goose StatementEnd

-- AFTER triggers: the row's own reference is visible, so it is told apart from others.
CREATE TRIGGER agreement_attachment_take AFTER INSERT OR UPDATE OF document_id ON agreement
    FOR EACH ROW WHEN (NEW.document_id IS NOT NULL) EXECUTE FUNCTION attachment_take_trg();
CREATE TRIGGER trip_attachment_take AFTER INSERT OR UPDATE ON trip_attachment
    FOR EACH ROW EXECUTE FUNCTION attachment_take_trg();
CREATE TRIGGER meeting_attachment_take AFTER INSERT OR UPDATE OF report_id, evaluation_id ON twin_city_meeting
    FOR EACH ROW WHEN (NEW.report_id IS NOT NULL OR NEW.evaluation_id IS NOT NULL) EXECUTE FUNCTION attachment_take_trg();

CREATE UNIQUE INDEX trip_attachment_one_trip ON trip_attachment (attachment_id);
CREATE INDEX attachment_created_idx ON attachment (created_at);

-- +goose Down
DROP INDEX attachment_created_idx;
DROP INDEX trip_attachment_one_trip;
DROP TRIGGER meeting_attachment_take ON twin_city_meeting;
DROP TRIGGER trip_attachment_take ON trip_attachment;
DROP TRIGGER agreement_attachment_take ON agreement;
DROP FUNCTION attachment_take_trg();
DROP FUNCTION attachment_take(bigint, text, bigint);
DROP VIEW attachment_use;
