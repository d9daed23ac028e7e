-- A municipality's trip references hold the year of first submission and a number
-- within that year. Four digits (at most 9999 trips a year) is plenty for a real
-- municipality but not for a national deployment or a load test: at 1,000,000 demo
-- trips Berlin alone has about 437,000. The number may now have four to six digits
-- (BER-2026-0007 … BER-2026-999999); every existing reference stays valid and keeps
-- its form, since references print the number with at least four digits.

-- +goose Up
ALTER TABLE trip DROP CONSTRAINT trip_reference_check,
    ADD CONSTRAINT trip_reference_check CHECK (reference ~ '^[A-Z]{3}-[0-9]{4}-[0-9]{4,6}$');
ALTER TABLE trip_reference_counter DROP CONSTRAINT trip_reference_counter_last_number_check,
    ADD CONSTRAINT trip_reference_counter_last_number_check CHECK (last_number BETWEEN 0 AND 999999);

-- +goose Down
-- Fails while a reference or counter is above 9999: remove those trips first.
ALTER TABLE trip DROP CONSTRAINT trip_reference_check,
    ADD CONSTRAINT trip_reference_check CHECK (reference ~ '^[A-Z]{3}-[0-9]{4}-[0-9]{4}$');
ALTER TABLE trip_reference_counter DROP CONSTRAINT trip_reference_counter_last_number_check,
    ADD CONSTRAINT trip_reference_counter_last_number_check CHECK (last_number BETWEEN 0 AND 9999);
