-- Seed networks: Cities for Mobility (coordinated by Stuttgart; seeds/stuttgart-internationales-stuttgart.de.txt),
-- Bycirklen (Ballerup, Egedal, Frederikssund; seeds/ballerup-international-strategi-2014.da.txt and the Ballerup-Wuxi
-- row of reference/partnerships.csv) and Göteborg's Nordic twin-city cooperation with Aarhus, Bergen
-- and Turku (seeds/goteborg-positionspapper-vanorter.sv.txt, named as the document names it).
-- Coordinators and since-years only where a source states them. Needs 00010 and 00016.

-- +goose Up
INSERT INTO network (name, description, coordinator_municipality_id, source) VALUES
    (E'Cities for Mobility', E'Internationales Netzwerk, das den Wissens- und Erfahrungsaustausch in Fragen nachhaltiger Mobilität zwischen Kommunen, Wirtschaft, Wissenschaft und Forschung sowie der Zivilgesellschaft fördert. Koordiniert von der Abteilung Mobilität im Referat Koordination und Planung des Oberbürgermeisters der Landeshauptstadt Stuttgart.', (SELECT id FROM municipality WHERE slug = E'stuttgart'), E'stuttgart-internationales-stuttgart.de.txt'),
    (E'Bycirklen', E'Bycirklen er samarbejdet mellem Ballerup, Egedal og Frederikssund Kommuner, bl.a. om en samlet Kina Erhvervsstrategi og partnerskabet med Wuxi, Kina (gennem Bycirkel-samarbejdet). Partnerskabet med Wuxi begyndte i maj 2007; det blev ikke fornyet og ophørte ved udgangen af 2020.', NULL, E'ballerup-international-strategi-2014.da.txt ; partnerships.csv (Ballerup-Wuxi): https://ballerup.dk/taxonomy/term/286/our-international-partners ; https://www.ballerupbladet.dk/node/61657'),
    (E'Göteborgs nordiska vänortssamarbete', E'Det nordiska vänortssamarbetet inleddes år 1946. Göteborgs nordiska vänortssamarbete är riktat till Århus, Bergen och Åbo. Vänorterna möts vartannat år för utbyte mellan städernas politiska representanter, med roterande värdskap; Göteborgs Stad har ansvar att arrangera ett vänortsmöte var åttonde år.', NULL, E'goteborg-positionspapper-vanorter.sv.txt');

INSERT INTO network_membership (network_id, municipality_id, role, since_year, note, source) VALUES
    ((SELECT id FROM network WHERE name = E'Cities for Mobility'), (SELECT id FROM municipality WHERE slug = E'stuttgart'), E'coordinator', NULL, E'Die Abteilung Mobilität im Referat Koordination und Planung des Oberbürgermeisters koordiniert das internationale Netzwerk Cities for Mobility.', E'stuttgart-internationales-stuttgart.de.txt'),
    ((SELECT id FROM network WHERE name = E'Bycirklen'), (SELECT id FROM municipality WHERE slug = E'ballerup'), E'member', NULL, E'Kontingentet for Ballerup Kommunes medlemskab af Bycirklen dækker udgifterne til Bycirkel-relaterede aktiviteter og rejser til Wuxi.', E'ballerup-international-strategi-2014.da.txt'),
    ((SELECT id FROM network WHERE name = E'Göteborgs nordiska vänortssamarbete'), (SELECT id FROM municipality WHERE slug = E'goteborg'), E'member', 1946, E'Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium. Stadsledningskontoret ansvarar för vänortsmötet när Göteborgs Stad har värdskapet.', E'goteborg-positionspapper-vanorter.sv.txt ; partnerships.csv (vänort since 1946): https://vartgoteborg.se/ovrigt/klimatanpassning-diskuterades-vid-nordiskt-besok-i-goteborg/ (vänort since 1946)');

INSERT INTO network_partner_city (network_id, partner_city_id) VALUES
    ((SELECT id FROM network WHERE name = E'Göteborgs nordiska vänortssamarbete'), (SELECT id FROM partner_city WHERE name_en = E'Aarhus' AND country IS NOT DISTINCT FROM E'DK')),
    ((SELECT id FROM network WHERE name = E'Göteborgs nordiska vänortssamarbete'), (SELECT id FROM partner_city WHERE name_en = E'Bergen' AND country IS NOT DISTINCT FROM E'NO')),
    ((SELECT id FROM network WHERE name = E'Göteborgs nordiska vänortssamarbete'), (SELECT id FROM partner_city WHERE name_en = E'Turku' AND country IS NOT DISTINCT FROM E'FI')),
    ((SELECT id FROM network WHERE name = E'Bycirklen'), (SELECT id FROM partner_city WHERE name_en = E'Wuxi' AND country IS NOT DISTINCT FROM E'CN'));

-- +goose Down
DELETE FROM network_partner_city WHERE (network_id, partner_city_id) IN (
    SELECT n.id, c.id FROM network n JOIN partner_city c ON (n.name, c.name_en, c.country) IN ((E'Göteborgs nordiska vänortssamarbete', E'Aarhus', E'DK'), (E'Göteborgs nordiska vänortssamarbete', E'Bergen', E'NO'), (E'Göteborgs nordiska vänortssamarbete', E'Turku', E'FI'), (E'Bycirklen', E'Wuxi', E'CN')));
DELETE FROM network_membership WHERE (network_id, municipality_id) IN (
    SELECT n.id, m.id FROM network n JOIN municipality m ON (n.name, m.slug) IN ((E'Cities for Mobility', E'stuttgart'), (E'Bycirklen', E'ballerup'), (E'Göteborgs nordiska vänortssamarbete', E'goteborg')));
DELETE FROM network WHERE name IN (E'Cities for Mobility', E'Bycirklen', E'Göteborgs nordiska vänortssamarbete');
