-- Göteborg's position paper on its twin cities: "Huvudinriktningen i Göteborgs
-- Stads relation till våra vänorter är det politiska erfarenhetsutbytet.
-- Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium."
--
-- Rule plan_approval (enforced): the plan of a trip recorded as participation in
-- a twin-city meeting (trip.meeting_id, migration 00111) waits for the decision of
-- Kommunfullmäktiges presidium (a body seeded by migration 00095), recorded by a
-- politician member with the meeting date and the minutes reference. Every other
-- Göteborg trip is approved when submitted, as before: the paper asks no approval
-- of them.

-- +goose Up
INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence, description)
SELECT p.id, 'plan_approval', 'enforce',
       '{"approver": "body", "body": "Kommunfullmäktiges presidium", "applies_to": "twin_city_meeting_trips"}',
       $txt$Huvudinriktningen i Göteborgs Stads relation till våra vänorter är det politiska erfarenhetsutbytet. Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium.$txt$,
       'Kommunfullmäktiges presidium decides on the participation in the twin-city meetings: the plan of a trip to a recorded meeting waits for its decision, recorded by one of its members with the meeting date and the minutes reference. Other trips need no approval of the plan.'
FROM policy p
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'goteborg')
  AND p.archived_at IS NULL
ON CONFLICT (policy_id, kind) DO NOTHING;

-- +goose Down
DELETE FROM policy_rule r USING policy p
WHERE p.id = r.policy_id AND r.kind = 'plan_approval'
  AND p.municipality_id = (SELECT id FROM municipality WHERE slug = 'goteborg')
  AND r.parameters->>'applies_to' = 'twin_city_meeting_trips';
