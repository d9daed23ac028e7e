-- Every text a page shows is marked with the language it is written in (WCAG
-- 3.1.2). Two kinds of text had no language of their own:
--
-- * A network's description is written once for every member municipality (the
--   coordinator's words, in its language), so its language is the network's,
--   not the language of the municipality whose page shows it. The seeded
--   networks' descriptions are in their coordinator's or only member's language;
--   a network created in the workspace takes its creator's (internal/partner).
-- * A policy rule's description explains the rule to staff. The seeded ones were
--   written in English; NULL means the municipality's own language, which a
--   description written or rewritten in the workspace is (internal/policy).

-- +goose Up
ALTER TABLE network ADD COLUMN language text CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$');
UPDATE network n SET language = coalesce(
    (SELECT m.languages[1] FROM municipality m WHERE m.id = n.coordinator_municipality_id),
    (SELECT m.languages[1] FROM network_membership nm JOIN municipality m ON m.id = nm.municipality_id
     WHERE nm.network_id = n.id ORDER BY nm.id LIMIT 1));

ALTER TABLE policy_rule ADD COLUMN description_lang text
    CHECK (description_lang ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$');
UPDATE policy_rule SET description_lang = 'en' WHERE description <> '';

-- +goose Down
ALTER TABLE policy_rule DROP COLUMN description_lang;
ALTER TABLE network DROP COLUMN language;
