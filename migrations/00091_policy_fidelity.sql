-- The five policies as their documents say them (issue 12): headings marked in
-- the texts, sources named by title, publisher and date, each priority quoting
-- the sentence it comes from, rules labelled for what the portal does, and the
-- texts shown to citizens freed of working notes and repository paths.

-- +goose Up
-- Sources: the document's title in its own language, its publisher, its date.
UPDATE policy p SET source = v.title, source_publisher = v.publisher, source_date = v.dated
FROM (VALUES
    ('vasteras', 'Grundlagen für internationale Arbeit in der Stadt Västerås', 'Stadt Västerås', DATE '2014-10-09'),
    ('stuttgart', 'Internationales Stuttgart', 'Landeshauptstadt Stuttgart, Abteilung Außenbeziehungen', NULL),
    ('goteborg', 'Positionspapper för Göteborg Stads vänorter Aarhus, Bergen och Åbo', 'Göteborgs Stad', NULL),
    ('ballerup', 'Ballerup Kommunes Internationale Strategi', 'Ballerup Kommune', DATE '2014-08-25'),
    ('berlin', 'Strategie und Ziele', 'Land Berlin (berlin.de)', NULL)
) AS v (slug, title, publisher, dated)
JOIN municipality m ON m.slug = v.slug
WHERE p.municipality_id = m.id AND p.archived_at IS NULL;

-- "Adopted by" is in the policy's language: the German translation says
-- "Verabschiedet durch die Stadtverordnetenversammlung".
UPDATE policy SET adopted_by = 'Stadtverordnetenversammlung'
WHERE adopted_by = 'Stadtverordnetenversammlung (Kommunfullmäktige)';

-- Headings: lines of each text that the document sets as headings.
UPDATE policy p SET headings = v.headings
FROM (VALUES
    ('vasteras', ARRAY['Grundlagen für internationale Arbeit in der Stadt Västerås',
        'Vision Västerås für das Jahr 2026 mit internationalen Perspektiven', 'Definition der internationalen Arbeit',
        'Ziel der internationalen Arbeit', 'Prioritäten in der internationalen Arbeit',
        'Priorisierung der Internationalen Arbeit', 'Strategien für internationale Arbeit', 'Wir handeln vorausschauend',
        'Wir sorgen für Mehrwert und gegenseitigen Nutzen', 'Wir denken global und handeln lokal',
        'Wir gehen von einer Multi-Level-Perspektive aus']),
    ('stuttgart', ARRAY['Stuttgart - als Stadt in Europa international kompetent und nachhaltig gestaltend',
        'Was die Abteilung Außenbeziehungen leistet', 'Was Ämter und Referate mit internationaler Ausrichtung leisten']),
    ('goteborg', ARRAY['Göteborgs Stad relation till vänorterna', 'Inriktning och ansvar', 'Informationsspridning',
        'Utvärdering och uppföljning']),
    ('ballerup', ARRAY['Introduktion', 'Mål', 'Fokus og indsats', 'Indsatser på børne- og ungeområdet',
        'Indsatser på Erhvervsområdet', 'Indsatser på det mellemfolkelige område', 'Tværgående indsatser',
        'Faste internationale samarbejdspartnere', 'Venskabsbyer', 'Partnerskaber', 'Aktiviteter',
        'Tilskud og finansiering', 'Åbenhed og dokumentation']),
    ('berlin', ARRAY['Strategie und Ziele'])
) AS v (slug, headings)
JOIN municipality m ON m.slug = v.slug
WHERE p.municipality_id = m.id AND p.archived_at IS NULL;
-- Keep only headings that are a line of the text (a seed edited since would
-- otherwise mark a heading that is not there).
UPDATE policy p SET headings = ARRAY(
    SELECT h FROM unnest(p.headings) h
    WHERE regexp_replace(h, '\s+', ' ', 'g') IN (
        SELECT btrim(regexp_replace(l, '\s+', ' ', 'g')) FROM regexp_split_to_table(p.full_text, E'\n') l));

-- Each priority quotes the sentence it comes from: the first sentence of its
-- description, which the seeds copied from the document.
UPDATE priority SET source_sentence = btrim(regexp_replace(
    regexp_replace(split_part(description, E'\n', 1), '^(.*?[.!?])\s.*$', '\1'), '\s+', ' ', 'g'))
WHERE source_sentence = '';
-- A first sentence that is not the document's own words (a paraphrase in the
-- seed) is dropped, and so is an empty one: such a priority, and one without a
-- description (Västerås's list), quotes the line of the text that names it.
UPDATE priority pr SET source_sentence = ''
FROM policy p WHERE p.id = pr.policy_id
  AND position(pr.source_sentence IN regexp_replace(p.full_text, '\s+', ' ', 'g')) = 0;
UPDATE priority pr SET source_sentence = (
    SELECT btrim(regexp_replace(l, '^\s*-\s*', ''))
    FROM policy p, regexp_split_to_table(p.full_text, E'\n') l
    WHERE p.id = pr.policy_id AND lower(l) LIKE '%' || lower(pr.title) || '%'
    ORDER BY length(l) LIMIT 1)
WHERE source_sentence = '';
UPDATE priority SET source_sentence = '' WHERE source_sentence IS NULL;

-- Rules labelled for what the portal does with them.
-- Västerås: the same rule also rules out new twin-town partnerships.
UPDATE policy_rule SET
    parameters = parameters || '{"partnership_kind": "twin_town"}',
    description = 'From the policy''s adoption (9 October 2014) Västerås signs no new twin-town (partnership) agreements and enters no new twin-town partnerships; agreements and partnerships from before then can be registered. Cooperation agreements, declarations and conventions on concrete issues and needs may still be signed.'
WHERE kind = 'no_new_twin_town_agreements'
  AND policy_id IN (SELECT p.id FROM policy p JOIN municipality m ON m.id = p.municipality_id WHERE m.slug = 'vasteras');
-- Göteborg: the order of hosts and the years come from the recorded meetings;
-- the evaluation is a task until its report is attached (checked, not refused).
UPDATE policy_rule SET
    parameters = jsonb_set(parameters, '{cities}', '["Aarhus", "Bergen", "Göteborg", "Turku"]'),
    description = 'The twin-city meetings of Göteborg, Aarhus, Bergen and Turku (Åbo) take place every second year with the host rotating. The paper names no order and no starting year: the portal reads both from the meetings recorded.'
WHERE kind = 'twin_city_meeting_rotation';
UPDATE policy_rule SET enforcement = 'warn'
WHERE kind = 'host_every_nth_meeting';
UPDATE policy_rule SET enforcement = 'warn',
    description = 'After Göteborg has hosted the twin-city meeting, a consolidated report and analysis of the city''s relations with its twin cities is due: a task on the dashboard until the report is attached, shown as late on the public meetings page after the report deadline.'
WHERE kind = 'evaluation_after_hosting';
UPDATE policy_rule SET enforcement = 'inform',
    description = 'Departments and city-owned companies must inform the City Executive Office (Stadsledningskontoret) of their cooperation and exchanges of experience with the twin cities. Staff record such a notice in the workspace; it reaches the dashboard. The portal does not check that every cooperation was notified.'
WHERE kind = 'inform_office_of_cooperation';

-- Ballerup–Brandenburg: a partnership in the strategy of 2014 ("Partnerskaber:
-- Brandenburg an der Havel, Tyskland"), a twin town from 2017.
UPDATE partnership SET note = 'Formal Städtepartnerschaftsvertrag signed 29 June 2017 in Brandenburg and 24 August 2017 in Ballerup; school cooperation since 2012; ballerup.dk lists it among the twinning agreements.'
WHERE note LIKE '%(brief expected%'
  AND municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup');
INSERT INTO partnership_status_change (partnership_id, year, changed_on, status, note, source)
SELECT p.id, 2014, DATE '2014-08-25', 'active',
       'Listed among Ballerup''s partnerships (not yet a twin town) in the international strategy approved on 25 August 2014.',
       'Ballerup Kommunes Internationale Strategi, 25 August 2014'
FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup')
  AND c.name_en = 'Brandenburg an der Havel';
UPDATE partnership_status_change SET note = 'Became a twin town: Städtepartnerschaftsvertrag signed 29 June 2017 in Brandenburg and 24 August 2017 in Ballerup; school cooperation since 2012'
WHERE year = 2017 AND note LIKE 'Partnership began in 2017; formal Städtepartnerschaftsvertrag%';

-- The seeded notes are in English; a note typed in the workspace is in the
-- municipality's language (NULL).
ALTER TABLE partnership ADD COLUMN note_lang text CHECK (note_lang ~ '^[a-z]{2,3}$');
ALTER TABLE partnership_status_change ADD COLUMN note_lang text CHECK (note_lang ~ '^[a-z]{2,3}$');
UPDATE partnership SET note_lang = 'en' WHERE note <> '' AND source IS NOT NULL;
UPDATE partnership_status_change SET note_lang = 'en' WHERE note <> '' AND source IS NOT NULL;

-- The emission factors' source, as a citizen can read it.
-- (publication, then the factor's ID in it).
UPDATE emission_factor SET source = 'UK Government GHG Conversion Factors 2025 (DESNZ)'
    || coalesce(', factor ID ' || substring(source FROM 'factor ID ([0-9_]+)'), '')
WHERE source LIKE 'github:%';

-- +goose Down
ALTER TABLE partnership_status_change DROP COLUMN note_lang;
ALTER TABLE partnership DROP COLUMN note_lang;
DELETE FROM partnership_status_change WHERE year = 2014 AND changed_on = DATE '2014-08-25'
  AND note LIKE 'Listed among Ballerup''s partnerships%';
UPDATE policy_rule SET enforcement = 'enforce' WHERE kind = 'evaluation_after_hosting';
UPDATE policy_rule SET enforcement = 'inform' WHERE kind = 'host_every_nth_meeting';
UPDATE policy_rule SET parameters = parameters - 'partnership_kind' WHERE kind = 'no_new_twin_town_agreements';
UPDATE priority SET source_sentence = '';
UPDATE policy SET headings = '{}', source_publisher = '', source_date = NULL;
