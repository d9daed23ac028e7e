-- Election periods of the municipal councils of Sweden and of the German states of
-- the seeded municipalities, so that budget carry-over stops at the end of a period
-- for every municipality, not only for Denmark's. German municipal law is a matter
-- of each state, so a municipality now records its state (ISO 3166-2 subdivision).

-- +goose Up
ALTER TABLE municipality ADD COLUMN region text NOT NULL DEFAULT '' CHECK (region ~ '^([A-Z0-9]{1,3})?$');
UPDATE municipality SET region = 'BW' WHERE slug = 'stuttgart';
UPDATE municipality SET region = 'BE' WHERE slug = 'berlin';

INSERT INTO election_period (country, region, body, starts_on, ends_on, source) VALUES
    ('SE', '', 'kommunfullmäktige', '2014-10-15', '2018-10-14', 'Kommunallag (2017:725) 5 kap. 5 §: ledamöter väljs för fyra år räknat från och med den 15 oktober valåret (likaså kommunallagen 1991:900)'),
    ('SE', '', 'kommunfullmäktige', '2018-10-15', '2022-10-14', 'Kommunallag (2017:725) 5 kap. 5 §'),
    ('SE', '', 'kommunfullmäktige', '2022-10-15', '2026-10-14', 'Kommunallag (2017:725) 5 kap. 5 §'),
    ('SE', '', 'kommunfullmäktige', '2026-10-15', '2030-10-14', 'Kommunallag (2017:725) 5 kap. 5 §'),
    ('DE', 'BW', 'Gemeinderat', '2014-05-25', '2019-05-25', 'Kommunalwahlen Baden-Württemberg 25.5.2014 and 26.5.2019 (Amtszeit fünf Jahre, § 30 GemO BW); stored from election day to the day before the next election'),
    ('DE', 'BW', 'Gemeinderat', '2019-05-26', '2024-06-08', 'Kommunalwahlen Baden-Württemberg 26.5.2019 and 9.6.2024; stored from election day to the day before the next election'),
    ('DE', 'BW', 'Gemeinderat', '2024-06-09', '2029-06-08', 'Kommunalwahl Baden-Württemberg 9.6.2024; five-year term; the end is the day before the fifth anniversary, the next election date is not yet set'),
    ('DE', 'BE', 'Abgeordnetenhaus', '2016-09-18', '2021-09-25', 'Wahlen zum Abgeordnetenhaus von Berlin 18.9.2016 and 26.9.2021 (Wahlperiode fünf Jahre); stored from election day to the day before the next election'),
    ('DE', 'BE', 'Abgeordnetenhaus', '2021-09-26', '2026-09-19', 'Wahl 26.9.2021 (the repeat election of 12.2.2023 did not start a new period); next election 20.9.2026');

-- +goose Down
DELETE FROM election_period WHERE country IN ('SE', 'DE');
ALTER TABLE municipality DROP COLUMN region;
