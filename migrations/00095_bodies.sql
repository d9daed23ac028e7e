-- Municipal bodies (council, finance committee, standing committees, departments) as
-- records; politicians belong to bodies; a budget line is held by a body; a budget
-- line may recur every year at its adopted amount; a committee's decision on a trip
-- is recorded with its meeting date and minutes reference.
--
-- Seeded: the bodies each policy document names (Berlin's page names none), and
-- Ballerup's budget as the strategy adopts it ("Tilskud og finansiering"):
-- Økonomiudvalget and each standing committee 65.000 kr. a year, the council 69.000,
-- every year "fra og med 2015". The shared line "SU" (all standing committees in one)
-- is removed: the strategy names no standing committee, so none is seeded; an
-- administrator who records one gets its own line (rule allocation_per_body).

-- +goose Up
CREATE TABLE body (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint NOT NULL REFERENCES municipality,
    kind            text   NOT NULL CHECK (kind IN ('council', 'finance_committee', 'standing_committee',
                        'committee', 'department')),
    name            text   NOT NULL CHECK (name <> ''),
    -- BCP 47 tag of the language the name is written in.
    language        text   NOT NULL CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'),
    -- The sentence of the policy that names the body, when it was seeded from one.
    source_sentence text   NOT NULL DEFAULT '',
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    archived_at     timestamptz,
    UNIQUE (municipality_id, name)
);

CREATE TABLE body_member (
    body_id    bigint NOT NULL REFERENCES body ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES account ON DELETE CASCADE,
    PRIMARY KEY (body_id, account_id)
);
CREATE INDEX body_member_account_idx ON body_member (account_id);

ALTER TABLE budget_line
    ADD COLUMN body_id bigint REFERENCES body,
    -- The amount the policy adopts every year: a line with it recurs, and the next
    -- year's line gets this amount whatever this year's was changed to.
    ADD COLUMN adopted_minor bigint CHECK (adopted_minor >= 0);
CREATE INDEX budget_line_body_idx ON budget_line (body_id) WHERE body_id IS NOT NULL;

ALTER TABLE trip_transition
    ADD COLUMN body_id bigint REFERENCES body,
    ADD COLUMN meeting_on date,
    ADD COLUMN minutes_reference text NOT NULL DEFAULT '',
    ADD CONSTRAINT trip_transition_decision_check CHECK (body_id IS NULL OR (meeting_on IS NOT NULL AND minutes_reference <> ''));

-- The public budget names the holder of each line.
CREATE TRIGGER content_changed_ins AFTER INSERT ON body REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed('municipality_id');
CREATE TRIGGER content_changed_upd AFTER UPDATE ON body REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed('municipality_id');
CREATE TRIGGER content_changed_del AFTER DELETE ON body REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION content_changed('municipality_id');

INSERT INTO body (municipality_id, kind, name, language, source_sentence)
SELECT m.id, v.kind, v.name, v.language, v.sentence
FROM (VALUES
    ('ballerup', 'council', 'Kommunalbestyrelsen', 'da',
     'Kommunalbestyrelsen har et budget på 69.000 kr. pr. år til kurser, konferencer og studieture.'),
    ('ballerup', 'finance_committee', 'Økonomiudvalget', 'da',
     'De stående udvalg og Økonomiudvalget har hver 65.000 kr. til deres rådighed til kurser, konferencer og studieture om året.'),
    ('goteborg', 'council', 'Kommunfullmäktige', 'sv',
     'Göteborgs Stads vision och strategier för internationellt samarbete slår fast att Kommunfullmäktige fattar beslut om att etablera nya vänorter.'),
    ('goteborg', 'committee', 'Kommunfullmäktiges presidium', 'sv',
     'Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium.'),
    ('goteborg', 'department', 'Stadsledningskontoret', 'sv',
     'Stadsledningskontoret ansvarar för vänortsmötet när Göteborgs Stad har värdskapet.'),
    ('stuttgart', 'council', 'Gemeinderat', 'de',
     'konzipieren und organisieren Veranstaltungen und Fachdelegationsreisen für den Oberbürgermeister und den Gemeinderat'),
    ('stuttgart', 'department', 'Abteilung Außenbeziehungen', 'de',
     'Fachlich sind alle Ämter der LHS von internationalen Fragestellungen betroffen, die Abteilung Außenbeziehungen nimmt im Geschäftsbereich des Oberbürgermeisters eine koordinierende, vernetzende und gestaltende Funktion ein.'),
    ('stuttgart', 'department', 'Amt für Umweltschutz', 'de',
     'Im Hinblick auf die Umsetzung lokaler Nachhaltigkeit gilt dies besonders für das Amt für Umweltschutz, das Amt für Stadtplanung und Stadterneuerung, die Abteilung Wirtschaftsförderung, die Abteilungen Mobilität und Integration sowie das Sozialamt, das Kulturamt, das Amt für Sport und Bewegung und die Arbeitsförderung.'),
    ('stuttgart', 'department', 'Amt für Stadtplanung und Stadterneuerung', 'de',
     'Als ämterübergreifender Dienstleister agiert z. B. das Amt für Stadtplanung und Stadterneuerung durch die Bereitstellung von Informationen zu Projekten aus EU-Strukturfonds-Mitteln und der Kontaktanbahnung entsprechender potentieller Partner.'),
    ('stuttgart', 'department', 'Abteilung Wirtschaftsförderung', 'de',
     'die Abteilung Wirtschaftsförderung, die beispielsweise Unternehmerdelegationen ins Ausland organisiert'),
    ('stuttgart', 'department', 'Abteilung Mobilität', 'de',
     'die Kompetenzen der Abteilung Mobilität im Referat Koordination und Planung des Oberbürgermeisters, die das internationale Netzwerk Cities for Mobility koordiniert'),
    ('stuttgart', 'department', 'Abteilung Integration', 'de',
     'Im Hinblick auf die Umsetzung lokaler Nachhaltigkeit gilt dies besonders für […] die Abteilungen Mobilität und Integration'),
    ('stuttgart', 'department', 'Sozialamt', 'de',
     'Im Hinblick auf die Umsetzung lokaler Nachhaltigkeit gilt dies besonders für […] das Sozialamt'),
    ('stuttgart', 'department', 'Kulturamt', 'de',
     'Im Hinblick auf die Umsetzung lokaler Nachhaltigkeit gilt dies besonders für […] das Kulturamt'),
    ('stuttgart', 'department', 'Amt für Sport und Bewegung', 'de',
     'Im Hinblick auf die Umsetzung lokaler Nachhaltigkeit gilt dies besonders für […] das Amt für Sport und Bewegung'),
    ('stuttgart', 'department', 'Arbeitsförderung', 'de',
     'Im Hinblick auf die Umsetzung lokaler Nachhaltigkeit gilt dies besonders für […] die Arbeitsförderung.'),
    ('vasteras', 'council', 'Stadtverordnetenversammlung', 'de',
     'Verabschiedet durch die Stadtverordnetenversammlung, 9 Oktober 2014'),
    ('vasteras', 'department', 'Stadsledningskontoret', 'sv',
     'Stadsledningskontoret • 721 87 Västerås')
) AS v (slug, kind, name, language, sentence)
JOIN municipality m ON m.slug = v.slug;

-- Ballerup: one line per body, each recurring at its adopted amount.
DELETE FROM budget_line
WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup') AND code = 'SU' AND NOT is_demo
  AND NOT EXISTS (SELECT 1 FROM trip t WHERE t.budget_line_id = budget_line.id);
UPDATE budget_line b SET body_id = (SELECT id FROM body WHERE municipality_id = b.municipality_id AND name = 'Økonomiudvalget')
WHERE b.municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup') AND b.code = 'OKU' AND NOT b.is_demo;
UPDATE budget_line b SET body_id = (SELECT id FROM body WHERE municipality_id = b.municipality_id AND name = 'Kommunalbestyrelsen')
WHERE b.municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup') AND b.code = 'KB' AND NOT b.is_demo;
UPDATE budget_line SET adopted_minor = amount_minor
WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup') AND fiscal_year = 2015
  AND code IN ('C1', 'C2', 'C3', 'C4', 'SRF', 'OKU', 'KB') AND NOT is_demo;
-- "fra og med 2015": every year since, up to the year of the migration; later years
-- are created from the previous year's lines when first needed (budget.EnsureYear).
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency,
                         carries_over, note, body_id, adopted_minor)
SELECT b.municipality_id, y, b.code, b.name, b.owner_kind, b.owner_name, b.adopted_minor, b.currency,
       b.carries_over, b.note, b.body_id, b.adopted_minor
FROM budget_line b
CROSS JOIN generate_series(2016, extract(year FROM now())::int) AS y
WHERE b.municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup') AND b.fiscal_year = 2015
  AND b.adopted_minor IS NOT NULL
ON CONFLICT (municipality_id, fiscal_year, code) DO NOTHING;

INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence, description)
SELECT p.id, v.kind, v.enforcement, v.parameters::jsonb, v.source_sentence, v.description
FROM policy p
CROSS JOIN (VALUES
    ('allocation_per_body', 'enforce',
     '{"body_kind": "standing_committee", "amount_minor": 6500000, "currency": "DKK", "carries_over": true, "line_name": "kurser, konferencer og studieture", "code_prefix": "SU"}',
     $txt$De stående udvalg og Økonomiudvalget har hver 65.000 kr. til deres rådighed til kurser, konferencer og studieture om året.$txt$,
     'Each standing committee has its own budget line of 65,000 kr. a year for courses, conferences and study trips, carried over within the election period.'),
    ('plan_approval', 'enforce',
     '{"approver": "committee", "applies_to": "committee_trips"}',
     $txt$Herudover har de stående politiske udvalg et eget budget til at foretage studierejser, bl.a. til udlandet.$txt$,
     'A committee decides on the study trips paid from its own budget: a member records its decision before the trip. Other trips need no approval of the plan.')
) AS v (kind, enforcement, parameters, source_sentence, description)
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup')
  AND p.archived_at IS NULL;

-- +goose Down
DELETE FROM policy_rule WHERE kind IN ('plan_approval', 'allocation_per_body');
DELETE FROM budget_line b WHERE b.municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup')
    AND b.fiscal_year > 2015 AND b.adopted_minor IS NOT NULL AND NOT b.is_demo
    AND NOT EXISTS (SELECT 1 FROM trip t WHERE t.budget_line_id = b.id);
DELETE FROM budget_line b WHERE b.body_id IS NOT NULL AND b.code LIKE 'SU-%'
    AND NOT EXISTS (SELECT 1 FROM trip t WHERE t.budget_line_id = b.id);
INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name, amount_minor, currency, carries_over, note, source)
SELECT id, 2015, 'SU', 'Stående udvalg (hvert udvalg)', 'committee', 'De stående udvalg', 6500000, 'DKK', true,
       'Beløbet gælder for hvert af de stående udvalg; strategien nævner ikke udvalgene ved navn. Hvert udvalg har 65.000 kr. til sin rådighed til kurser, konferencer og studieture om året. Der er overførselsadgang mellem årene i valgperioden.',
       'ballerup-international-strategi-2014.da.txt'
FROM municipality WHERE slug = 'ballerup'
ON CONFLICT DO NOTHING;
DROP TRIGGER content_changed_ins ON body;
DROP TRIGGER content_changed_upd ON body;
DROP TRIGGER content_changed_del ON body;
ALTER TABLE trip_transition DROP CONSTRAINT trip_transition_decision_check,
    DROP COLUMN minutes_reference, DROP COLUMN meeting_on, DROP COLUMN body_id;
ALTER TABLE budget_line DROP COLUMN adopted_minor, DROP COLUMN body_id;
DROP TABLE body_member;
DROP TABLE body;
