-- Seed: the policy of Västerås ("Grundlagen für internationale Arbeit in der Stadt
-- Västerås", adopted 9 October 2014, valid until 2020) with its seven priorities, four
-- strategies and the rule that no new twin-town agreements are signed.
-- From seeds/vasteras-grundlagen-internationale-arbeit-2014.de.txt (German translation of
-- the Swedish original); page furniture, cover graphic and figure captions dropped.

-- +goose Up
INSERT INTO policy (municipality_id, title, language, summary, full_text,
                    adopted_on, adopted_by, valid_from, valid_until, source)
VALUES (
    (SELECT id FROM municipality WHERE slug = 'vasteras'),
    'Grundlagen für internationale Arbeit in der Stadt Västerås',
    'de',
    $txt$Die Grundlagen für internationale Arbeit in der Stadt Västerås ersetzen die bisherigen Grundlagen von 2006 und sind gültig bis 2020. Internationale Arbeit ist ein Werkzeug für die Entwicklung; sie findet vor allem in der EU, im Binnenmarkt und in der unmittelbaren Umgebung statt und folgt sieben Prioritäten und vier Strategien. Neue Partnerschaftsabkommen werden nicht unterzeichnet, wohl aber Kooperationsvereinbarungen, Erklärungen und Konventionen über konkrete Fragen und Bedürfnisse.$txt$,
    $txt$Grundlagen für internationale Arbeit in der Stadt Västerås

Verabschiedet durch die Stadtverordnetenversammlung, 9 Oktober 2014

Die Grundlagen für internationale Arbeit in der Stadt Västerås ersetzen die bisherigen Grundlagen für internationale Arbeit von 2006.

Die Grundlagen der Stadt Västerås für internationale Arbeit werden genutzt für die Arbeit um einen hohen Mehrwert und Nutzen für die Einwohner in Västerås zu erzielen

Diese Grundlagen sind gültig bis 2020.

- Programm: Bringt die Grundwerte und den Ansatz, um mit der Entwicklung der Stadt Västerås und seines ganzen Konzerns
- Grundlagen: Zeichnet sich durch die Grundwerte und Konzept für die Arbeit der Stadt Västerås und seines ganzen Konzerns aus
- Aktionsplan: legt Strategien und konkrete Maßnahmen fest, um den politischen Willen und die Ziele auf verschiedenen Organisationsebenen zu erreichen
- Richtlinie: Sorgt für ein korrektes Verhalten und eine gute Qualität der Verwaltung und Ausführung des Konzerns der Stadt Västerås

Es besteht eine starke Abhängigkeit zwischen der internationalen Arbeit, nachhaltige Gemeinde-Entwicklung und Frieden, Freiheit und Demokratie für die Bürger und Einwohner zu gewährleisten.

Vision Västerås für das Jahr 2026 mit internationalen Perspektiven

Västerås Vision-2026 beschreibt die Stadt ohne Grenzen, die Stadt, wo die Menschen das Gefühl haben, dass alles möglich ist. Die Stadt ohne Grenzen bedeutet, dass wir uns selbst in der Welt sehen und dass wir die Welt, in Västerås sehen. Dieser Ansatz stärkt Chancen der Stadt für den Erfolg. Erfolgchancen werden auch angestrebt, um Weltklasse-Wissen zu erhalten und technische Entwicklungen mit menschlichen Bedürfnissen kombinieren zu können.

Die Vision zeigt, dass die internationalen Perspektiven notwendig sind, um Västerås weiterhin als eine erfolgreiche und wohlhabende Stadt mit Chancen auf ein besseres Leben für alle in Västerås Lebenden zu entwickeln.

Definition der internationalen Arbeit

Mit internationaler Arbeit ist gemeint, dass die Stadt Västerås

- sich in Zusammenarbeit mit internationalen Partnern durch externe Unterstützung und Finanzierung entwickelt.
- demokratische Entscheidungen, die im internationalen Kontext gemacht werden und wurden, in Zusammenarbeit mit internationalen Partnern in Bezug auf Västerås Voraussetzungen beeinflusst und umsetzt.
- mit Partnerstädten kooperiert.

Ziel der internationalen Arbeit

Internationale Arbeit ist ein Werkzeug für die Entwicklung. Sie steigert den Wert und Nutzen für die Bevölkerung von Västerås, die Stadt Västerås, Västerås Wirtschaft, Forschung, Hochschulen und Verbänden sowie unserer internationalen Partnern.

Internationale Arbeit leistet einen Beitrag zur Internationalisierung von Västerås und unsere Wirtschaft und unsere Fähigkeit mit kultureller Vielfalt zu leben und die Werte zu schätzen.

Prioritäten in der internationalen Arbeit

Priorisierung der Internationalen Arbeit

- Nachhaltige Gemeindeentwicklung
- demokratische Entwicklung und interkulturelles Verständnis
- Investitionen und Einrichtungen nach Västerås
- Attraktivität der Stadt und unsere Rolle als attraktiver Arbeitgeber
- Internationalisierung der Schule nach dem Lehrplan für alle Schularten einschließlich Vorschule
- Europäische Union mit einem Schwerpunkt auf die Strategie EU 2020
- demokratische Entscheidungen unter Berücksichtigung der internationalen Arbeit

Die internationale Arbeit der Stadt Västerås findet vor allem in der EU, im Binnenmarkt und in der unmittelbaren Umgebung statt. Neue Partnerschaftsabkommen werden nicht unterzeichnet. Allerdings unterzeichnen wir Kooperationsvereinbarungen, Erklärungen und Konventionen über konkrete Fragen und Bedürfnisse. Substanz und Vorteile sind dem geografischen Gebiet übergeordnet.

Wenn Unsicherheiten bei der Auswahl an internationalen Kooperationspartnern oder dem Inhalt der Absprachen bestehen, folgt die Stadt Västerås den Positionen des schwedischen Außenministeriums.

Strategien für internationale Arbeit

Um in der internationalen Arbeit erfolgreich zu sein verwendet die Stadt Västerås folgende Strategien:

Wir handeln vorausschauend

Die Stadt Västerås ist hinsichtlich auf die Erhaltung von Konjunktur, Wissen und Fähigkeiten vorausschauend, und trägt stark zu internationalen Kontexten bei.

- Wir ergreifen Initiativen, um internationale Kooperationen und strategische Partnerschaften in Form von Projekten, Netzwerken, Wissen und Erfahrungstransfer.
- Wir suchen aktiv nach externer Unterstützung und Finanzierung, zum Beispiel aus den EU-Fonds und Programmen des Nordischen Ministerrats, des Schwedischen Amtes für Internationale Entwicklungszusammenarbeit (Sida) und Vinnova.
- Wir handeln, um nationale und internationale Entscheidung zu beeinflussen.
- Wir vermarkten Västerås einzigartige Stärken.

Wir sorgen für Mehrwert und gegenseitigen Nutzen

Durch den Austausch von Wissen und Erfahrungen erweitern wir bewusst unsere Perspektiven. Wir sorgen dafür, dass unsere internationalen Kooperationen einen Mehrwert und gegenseitigen Nutzen haben.

Wir denken global und handeln lokal

Die Stadt Västerås ist aus einem globalen Blickwinkel zu betrachten. In einem größeren oder geringeren Ausmaß beeinflussen wir und werden von außen beeinflusst. In der lokalen Arbeit werden wir von einem ganzheitlichen Ansatz geleitet. Wir bewerten und berücksichtigen das Ausmaß der durch die Maßnahmen entstandenen Effekte in Ort, Art und Zeit.

Wir gehen von einer Multi-Level-Perspektive aus

Wir stellen Västerås in einen größeren Zusammenhang. Wir sind uns bewusst, dass

- wir beeinflussen und beeinflusst werden durch die EU, globale, nationale, regionale und lokale Akteure.
- wir durch demokratische Entscheidungen von verschiedenen Ebenen geführt werden und zeigen sie in unserem lokalen Entscheidungen.$txt$,
    DATE '2014-10-09',
    'Stadtverordnetenversammlung (Kommunfullmäktige)',
    NULL,
    DATE '2020-12-31',
    'seeds/vasteras-grundlagen-internationale-arbeit-2014.de.txt: German translation of the Swedish original policy of the City of Västerås (Västerås stad), adopted by the city council on 9 October 2014 and valid until 2020; text taken from the PDF.'
);

INSERT INTO priority (policy_id, kind, position, code, title, description)
SELECT p.id, v.kind, v.position, v.code, v.title, v.description
FROM policy p
CROSS JOIN (VALUES
    ('priority', 1, 'P1', 'Nachhaltige Gemeindeentwicklung', ''),
    ('priority', 2, 'P2', 'Demokratische Entwicklung und interkulturelles Verständnis', ''),
    ('priority', 3, 'P3', 'Investitionen und Einrichtungen nach Västerås', ''),
    ('priority', 4, 'P4', 'Attraktivität der Stadt und unsere Rolle als attraktiver Arbeitgeber', ''),
    ('priority', 5, 'P5', 'Internationalisierung der Schule nach dem Lehrplan für alle Schularten einschließlich Vorschule', ''),
    ('priority', 6, 'P6', 'Europäische Union mit einem Schwerpunkt auf die Strategie EU 2020', ''),
    ('priority', 7, 'P7', 'Demokratische Entscheidungen unter Berücksichtigung der internationalen Arbeit', ''),
    ('strategy', 1, 'S1', 'Wir handeln vorausschauend',
     $txt$Die Stadt Västerås ist hinsichtlich auf die Erhaltung von Konjunktur, Wissen und Fähigkeiten vorausschauend, und trägt stark zu internationalen Kontexten bei.

- Wir ergreifen Initiativen, um internationale Kooperationen und strategische Partnerschaften in Form von Projekten, Netzwerken, Wissen und Erfahrungstransfer.
- Wir suchen aktiv nach externer Unterstützung und Finanzierung, zum Beispiel aus den EU-Fonds und Programmen des Nordischen Ministerrats, des Schwedischen Amtes für Internationale Entwicklungszusammenarbeit (Sida) und Vinnova.
- Wir handeln, um nationale und internationale Entscheidung zu beeinflussen.
- Wir vermarkten Västerås einzigartige Stärken.$txt$),
    ('strategy', 2, 'S2', 'Wir sorgen für Mehrwert und gegenseitigen Nutzen',
     $txt$Durch den Austausch von Wissen und Erfahrungen erweitern wir bewusst unsere Perspektiven. Wir sorgen dafür, dass unsere internationalen Kooperationen einen Mehrwert und gegenseitigen Nutzen haben.$txt$),
    ('strategy', 3, 'S3', 'Wir denken global und handeln lokal',
     $txt$Die Stadt Västerås ist aus einem globalen Blickwinkel zu betrachten. In einem größeren oder geringeren Ausmaß beeinflussen wir und werden von außen beeinflusst. In der lokalen Arbeit werden wir von einem ganzheitlichen Ansatz geleitet. Wir bewerten und berücksichtigen das Ausmaß der durch die Maßnahmen entstandenen Effekte in Ort, Art und Zeit.$txt$),
    ('strategy', 4, 'S4', 'Wir gehen von einer Multi-Level-Perspektive aus',
     $txt$Wir stellen Västerås in einen größeren Zusammenhang. Wir sind uns bewusst, dass

- wir beeinflussen und beeinflusst werden durch die EU, globale, nationale, regionale und lokale Akteure.
- wir durch demokratische Entscheidungen von verschiedenen Ebenen geführt werden und zeigen sie in unserem lokalen Entscheidungen.$txt$)
) AS v (kind, position, code, title, description)
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'vasteras')
  AND p.archived_at IS NULL;

INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence, description)
SELECT p.id,
       'no_new_twin_town_agreements',
       'enforce',
       '{"agreement_type": "twin_town_agreement", "allowed_types": ["cooperation_agreement", "declaration", "convention"]}'::jsonb,
       'Neue Partnerschaftsabkommen werden nicht unterzeichnet.',
       'Västerås signs no new twin-town (partnership) agreements; cooperation agreements, declarations and conventions on concrete issues and needs may still be signed.'
FROM policy p
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'vasteras')
  AND p.archived_at IS NULL;

-- +goose Down
DELETE FROM policy WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'vasteras');
