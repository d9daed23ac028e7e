-- Seed: the policy of Göteborg, the position paper on its Nordic twin cities Aarhus,
-- Bergen and Åbo (Turku), with its direction, responsibilities and the rules on new twin
-- cities, the meeting rotation, hosting, evaluation and informing the City Executive
-- Office. The paper gives no adoption or validity dates.
-- From seeds/goteborg-positionspapper-vanorter.sv.txt; logo text dropped.

-- +goose Up
INSERT INTO policy (municipality_id, title, language, summary, full_text,
                    adopted_on, adopted_by, valid_from, valid_until, source)
VALUES (
    (SELECT id FROM municipality WHERE slug = 'goteborg'),
    'Positionspapper för Göteborg Stads vänorter Aarhus, Bergen och Åbo',
    'sv',
    $txt$Det nordiska vänortssamarbetet inleddes år 1946; Göteborgs nordiska vänortssamarbete är riktat till Århus, Bergen och Åbo. Huvudinriktningen i Göteborgs Stads relation till våra vänorter är det politiska erfarenhetsutbytet: vänortsmötena sker vartannat år med roterande värdskap, och Göteborgs Stad har ansvar att arrangera ett vänortsmöte var åttonde år. Kommunfullmäktige fattar beslut om att etablera nya vänorter.$txt$,
    $txt$Positionspapper för Göteborg Stads vänorter Aarhus, Bergen och Åbo

Göteborgs Stad relation till vänorterna

Vänortsbegreppet tillkom under uppbyggnaden av förbindelser mellan orter och kommuner i de nordiska länderna efter andra världskriget och var från början en solidaritetsyttring från svensk sida till våra krigsdrabbade grannländer. Det nordiska vänortssamarbetet inleddes år 1946. Göteborgs nordiska vänortssamarbete är riktat till Århus, Bergen och Åbo.

Vänorterna möts vartannat år för utbyte mellan städernas politiska representanter. Under sammankomsten ges möjlighet till erfarenhetsutbyte samt deltagande vid seminarier om aktuella frågor.

Vänortssamarbetet främjar också samarbeten på olika områden mellan vänorterna.

Stadens samarbete med vänorterna ligger i linje med stadens vision och strategier för internationellt samarbete samt dess riktlinjer för internationellt arbete då det ger möjlighet till verksamhetsutveckling genom exempelvis projekt- och nätverksarbete samt utbyte av kunskap och erfarenheter.

Inriktning och ansvar

Huvudinriktningen i Göteborgs Stads relation till våra vänorter är det politiska erfarenhetsutbytet. Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium.

Vänortsmötena sker vartannat år med roterande värdskap. Göteborgs Stad har ansvar att arrangera ett vänortsmöte var åttonde år. Stadsledningskontoret ansvarar för vänortsmötet när Göteborgs Stad har värdskapet.

Göteborgs Stads vision och strategier för internationellt samarbete slår fast att Kommunfullmäktige fattar beslut om att etablera nya vänorter.

Områdesfokuserade samarbeten med vänorterna hanteras av respektive förvaltning och bolag.

Informationsspridning

Stadsledningskontoret ansvarar för samordning och spridning av information om stadens samlade agerande i fråga om vänorterna

Förvaltningar och bolag ska informera Stadsledningskontoret om samarbeten och erfarenhetsutbyten med vänorter.

Utvärdering och uppföljning

En samlad avrapportering och analys av stadens relation till vänorterna skall göras efter Göteborgs Stads värdskap av vänortsmötet.$txt$,
    NULL,
    NULL,
    NULL,
    NULL,
    'seeds/goteborg-positionspapper-vanorter.sv.txt: position paper of the City of Gothenburg (Göteborgs Stad) on its Nordic twin cities Aarhus, Bergen and Turku (Åbo); undated, no adoption or validity given; text taken from the PDF.'
);

INSERT INTO priority (policy_id, kind, position, code, title, description)
SELECT p.id, v.kind, v.position, v.code, v.title, v.description
FROM policy p
CROSS JOIN (VALUES
    ('direction', 1, 'D1', 'Det politiska erfarenhetsutbytet',
     $txt$Huvudinriktningen i Göteborgs Stads relation till våra vänorter är det politiska erfarenhetsutbytet. Vänorterna möts vartannat år för utbyte mellan städernas politiska representanter. Under sammankomsten ges möjlighet till erfarenhetsutbyte samt deltagande vid seminarier om aktuella frågor.$txt$),
    ('direction', 2, 'D2', 'Samarbeten på olika områden mellan vänorterna',
     $txt$Vänortssamarbetet främjar också samarbeten på olika områden mellan vänorterna. Stadens samarbete med vänorterna ligger i linje med stadens vision och strategier för internationellt samarbete samt dess riktlinjer för internationellt arbete då det ger möjlighet till verksamhetsutveckling genom exempelvis projekt- och nätverksarbete samt utbyte av kunskap och erfarenheter.$txt$),
    ('responsibility', 1, 'R1', 'Deltagande vid politikermötena',
     $txt$Deltagande vid politikermötena hanteras av Kommunfullmäktiges presidium.$txt$),
    ('responsibility', 2, 'R2', 'Värdskap för vänortsmötet',
     $txt$Vänortsmötena sker vartannat år med roterande värdskap. Göteborgs Stad har ansvar att arrangera ett vänortsmöte var åttonde år. Stadsledningskontoret ansvarar för vänortsmötet när Göteborgs Stad har värdskapet.$txt$),
    ('responsibility', 3, 'R3', 'Beslut om att etablera nya vänorter',
     $txt$Göteborgs Stads vision och strategier för internationellt samarbete slår fast att Kommunfullmäktige fattar beslut om att etablera nya vänorter.$txt$),
    ('responsibility', 4, 'R4', 'Områdesfokuserade samarbeten med vänorterna',
     $txt$Områdesfokuserade samarbeten med vänorterna hanteras av respektive förvaltning och bolag.$txt$),
    ('responsibility', 5, 'R5', 'Informationsspridning',
     $txt$Stadsledningskontoret ansvarar för samordning och spridning av information om stadens samlade agerande i fråga om vänorterna. Förvaltningar och bolag ska informera Stadsledningskontoret om samarbeten och erfarenhetsutbyten med vänorter.$txt$),
    ('responsibility', 6, 'R6', 'Utvärdering och uppföljning',
     $txt$En samlad avrapportering och analys av stadens relation till vänorterna skall göras efter Göteborgs Stads värdskap av vänortsmötet.$txt$)
) AS v (kind, position, code, title, description)
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'goteborg')
  AND p.archived_at IS NULL;

INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence, description)
SELECT p.id, v.kind, v.enforcement, v.parameters::jsonb, v.source_sentence, v.description
FROM policy p
CROSS JOIN (VALUES
    ('twin_city_requires_council_decision', 'enforce',
     '{"partnership_kind": "twin_town", "decided_by": "Kommunfullmäktige"}',
     $txt$Göteborgs Stads vision och strategier för internationellt samarbete slår fast att Kommunfullmäktige fattar beslut om att etablera nya vänorter.$txt$,
     'A new twin city may only be established by a decision of the City Council (Kommunfullmäktige).'),
    ('twin_city_meeting_rotation', 'inform',
     '{"interval_years": 2, "cities": ["Göteborg", "Aarhus", "Bergen", "Turku"]}',
     $txt$Vänortsmötena sker vartannat år med roterande värdskap.$txt$,
     'The twin-city meetings of Göteborg, Aarhus, Bergen and Turku (Åbo) take place every second year with the host rotating; the paper gives no starting year.'),
    ('host_every_nth_meeting', 'inform',
     '{"host": "Göteborg", "every_years": 8}',
     $txt$Göteborgs Stad har ansvar att arrangera ett vänortsmöte var åttonde år.$txt$,
     'Göteborg is responsible for hosting a twin-city meeting every eighth year, organised by the City Executive Office (Stadsledningskontoret).'),
    ('evaluation_after_hosting', 'enforce',
     '{"host": "Göteborg", "report": "consolidated report and analysis"}',
     $txt$En samlad avrapportering och analys av stadens relation till vänorterna skall göras efter Göteborgs Stads värdskap av vänortsmötet.$txt$,
     'After Göteborg has hosted the twin-city meeting, a consolidated report and analysis of the city''s relations with its twin cities is due.'),
    ('inform_office_of_cooperation', 'inform',
     '{"office": "Stadsledningskontoret"}',
     $txt$Förvaltningar och bolag ska informera Stadsledningskontoret om samarbeten och erfarenhetsutbyten med vänorter.$txt$,
     'Departments and city-owned companies must inform the City Executive Office (Stadsledningskontoret) of their cooperation and exchanges of experience with the twin cities.')
) AS v (kind, enforcement, parameters, source_sentence, description)
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'goteborg')
  AND p.archived_at IS NULL;

-- +goose Down
DELETE FROM policy WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'goteborg');
