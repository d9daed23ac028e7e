-- Seed: the policy of Stuttgart, the web page "Internationales Stuttgart" of the
-- Department of External Relations (Abteilung Außenbeziehungen), with its fields of
-- activity. The page gives no adoption or validity dates and no rules.
-- From seeds/stuttgart-internationales-stuttgart.de.txt; page navigation dropped.

-- +goose Up
INSERT INTO policy (municipality_id, title, language, summary, full_text,
                    adopted_on, adopted_by, valid_from, valid_until, source)
VALUES (
    (SELECT id FROM municipality WHERE slug = 'stuttgart'),
    'Internationales Stuttgart',
    'de',
    $txt$Stuttgart will sich zu einer nachhaltig und innovativ agierenden Metropole entwickeln, die als Stadt in Europa Politik und internationale Partnerschaften zum gemeinsamen Gewinn aller gestaltet. Die Abteilung Außenbeziehungen nimmt im Geschäftsbereich des Oberbürgermeisters eine koordinierende, vernetzende und gestaltende Funktion ein; ihre Tätigkeitsfelder umfassen die Gestaltung und Pflege der zehn Städtepartnerschaften, die Koordinierung und Beobachtung von EU-Themen sowie der Kommunalen Entwicklungspolitik, die Analyse internationaler Fragestellungen mit kommunalem Bezug und die Konzeption von Vernetzungs- und Informationsangeboten. Ämter und Eigenbetriebe führen internationale Projekte, Netzwerkarbeit oder Fachprogramme eigenständig durch.$txt$,
    $txt$Internationales Stuttgart

Stuttgart - als Stadt in Europa international kompetent und nachhaltig gestaltend

Ein Anspruch Stuttgarter Stadtpolitik ist die ökologisch sinnvolle, ökonomisch wertschöpfende, sozial gerechte und kulturell vielfältige Nutzung urbaner Räume. In diesem Sinne wollen wir uns zu einer nachhaltig und innovativ agierenden Metropole entwickeln, die als Stadt in Europa Politik und internationale Partnerschaften zum gemeinsamen Gewinn aller gestaltet.

Stuttgart ist im Weltmaßstab eine verhältnismäßig kleine, dabei aber einzigartige Großstadt mit 50% Grünflächen auf dem Gebiet der Stadt, inmitten einer pulsierenden und wirtschaftsstarken Region im Herzen Europas: geprägt durch eine agile und weltoffene Stadtgesellschaft, eine hohe Lebenszufriedenheit der Bevölkerung, eine innovative Kunst und Kreativszene, einen weltweit führenden Standort der Automobil- und Zulieferindustrie und gleichzeitig eine auf Nachhaltigkeit ausgerichtete Stadtpolitik.

Dazu gehört es, im globalen Wettbewerb Maßnahmen zu ergreifen, um als Technologie-, Wirtschafts- und Finanzstandort, Hauptsitz internationaler Konzerne, Arbeitgeber, Tourismusdestination, Zentrum für Wissenschaft und Innovation, Ausrichter internationaler Großveranstaltungen, Heimat weltweit renommierter Kultureinrichtungen sowie als weltoffene und nachhaltig agierende Metropole auf lange Sicht attraktiv zu bleiben und dadurch Standortvorteile zu sichern.

Dafür braucht es sowohl in internationalen Fragen unterstützende, engagierte Rathausspitzen und Gemeinderäte genauso wie international versierte und agierende Mitarbeiterinnen und Mitarbeiter, die den fachlichen Dialog mit weltweiten Partnern führen und sich als Botschafter der Stadt für universelle Werte von Demokratie, Menschenrechten, Toleranz und Weltoffenheit einsetzen.

Fachlich sind alle Ämter der LHS von internationalen Fragestellungen betroffen, die Abteilung Außenbeziehungen nimmt im Geschäftsbereich des Oberbürgermeisters eine koordinierende, vernetzende und gestaltende Funktion ein.

Was die Abteilung Außenbeziehungen leistet

Die Tätigkeitsfelder der Abteilung Außenbeziehung umfassen

- die Gestaltung und Pflege der zehn Städtepartnerschaften,
- die Koordinierung und Beobachtung von EU-Themen sowie der Kommunalen Entwicklungspolitik,
- die Analyse internationaler Fragestellungen mit kommunalem Bezug sowie
- die Konzeption von Vernetzungs- und Informationsangeboten innerhalb der Verwaltung und mit externen Partnern.

Die Mitarbeiterinnen und Mitarbeiter der Abteilung Außenbeziehungen

- agieren als Kompetenz- und Vernetzungsplattform für die international ausgerichteten Aktivitäten der LHS und gewährleisten Informationsgewinnung, Wissenstransfer, Koordinierung und ämterübergreifende Dienstleistungen,
- gestalten die partnerstädtische Zusammenarbeit durch Beratung und Finanzierung zivilgesellschaftlicher Akteure in Stuttgart sowie im Austausch mit Partnern auf Landes-, Bundes- und EU-Ebene und vor Ort in den zehn Partnerstädten,
- konzipieren und organisieren Veranstaltungen und Fachdelegationsreisen für den Oberbürgermeister und den Gemeinderat, bereiten diese fachlich vor und nach und sorgen für einen Wissens- und Informationstransfer zwischen den Beteiligten,
- vertreten internationale Themen in der Öffentlichkeit,
- führen vereinzelt eigene, durch Drittmittel und damit entsprechend personell unterstützte, Projekte durch,
- beraten strategisch und unterstützen Kolleginnen und Kollegen anderer Ämter, die selbst mit der Befassung von internationalen Themen und besonders mit der Durchführung von Projekten betraut sind.

Die Arbeitsleistung der Abteilung erfolgt im Verbund mit allen städtischen Referaten und Ämtern, Mitgliedern des Gemeinderats, mit Vertreter/-innen der in Stuttgart ansässigen international ausgerichteten Einrichtungen sowie mit Akteuren auf Landes-, Bundes- und EU-Ebene, die sich um kommunale Themen der Auslandsarbeit kümmern.

Was Ämter und Referate mit internationaler Ausrichtung leisten

Ämter und Eigenbetriebe führen internationale Projekte, Netzwerkarbeit oder Fachprogramme eigenständig durch; hier wurde eine starke eigene dezentrale internationale Expertise aufgebaut. Im Hinblick auf die Umsetzung lokaler Nachhaltigkeit gilt dies besonders für das Amt für Umweltschutz, das Amt für Stadtplanung und Stadterneuerung, die Abteilung Wirtschaftsförderung, die Abteilungen Mobilität und Integration sowie das Sozialamt, das Kulturamt, das Amt für Sport und Bewegung und die Arbeitsförderung. Beispielhaft illustriert sei dies durch

- die Kompetenzen der Abteilung Mobilität im Referat Koordination und Planung des Oberbürgermeisters, die das internationale Netzwerk Cities for Mobility koordiniert und damit den Wissens- und Erfahrungsaustausch in Fragen nachhaltiger Mobilität zwischen Kommunen, Wirtschaft, Wissenschaft und Forschung sowie der Zivilgesellschaft fördert,
- die Abteilung Wirtschaftsförderung, die beispielsweise Unternehmerdelegationen ins Ausland organisiert, ausländische Delegationen über den Wirtschaftsstandort Stuttgart informiert und Wirtschaftstage zum Wirtschaftsstandort im Ausland und in Stuttgart durchführt.

Als ämterübergreifender Dienstleister agiert z. B. das Amt für Stadtplanung und Stadterneuerung durch die Bereitstellung von Informationen zu Projekten aus EU-Strukturfonds-Mitteln und der Kontaktanbahnung entsprechender potentieller Partner.$txt$,
    NULL,
    NULL,
    NULL,
    NULL,
    'seeds/stuttgart-internationales-stuttgart.de.txt: web page "Internationales Stuttgart" of the Department of External Relations (Abteilung Außenbeziehungen) in the Lord Mayor''s office of the City of Stuttgart; undated, no adoption or validity given.'
);

-- F1–F4 are the four "Tätigkeitsfelder" the page lists; F5 and F6 are the delegation
-- trips and the departments' own projects and networks the page describes after them.
INSERT INTO priority (policy_id, kind, position, code, title, description)
SELECT p.id, v.kind, v.position, v.code, v.title, v.description
FROM policy p
CROSS JOIN (VALUES
    ('field_of_activity', 1, 'F1', 'Gestaltung und Pflege der zehn Städtepartnerschaften',
     $txt$Die Mitarbeiterinnen und Mitarbeiter der Abteilung Außenbeziehungen gestalten die partnerstädtische Zusammenarbeit durch Beratung und Finanzierung zivilgesellschaftlicher Akteure in Stuttgart sowie im Austausch mit Partnern auf Landes-, Bundes- und EU-Ebene und vor Ort in den zehn Partnerstädten.$txt$),
    ('field_of_activity', 2, 'F2', 'Koordinierung und Beobachtung von EU-Themen sowie der Kommunalen Entwicklungspolitik', ''),
    ('field_of_activity', 3, 'F3', 'Analyse internationaler Fragestellungen mit kommunalem Bezug', ''),
    ('field_of_activity', 4, 'F4', 'Konzeption von Vernetzungs- und Informationsangeboten innerhalb der Verwaltung und mit externen Partnern',
     $txt$Die Mitarbeiterinnen und Mitarbeiter der Abteilung Außenbeziehungen agieren als Kompetenz- und Vernetzungsplattform für die international ausgerichteten Aktivitäten der LHS und gewährleisten Informationsgewinnung, Wissenstransfer, Koordinierung und ämterübergreifende Dienstleistungen.$txt$),
    ('field_of_activity', 5, 'F5', 'Veranstaltungen und Fachdelegationsreisen für den Oberbürgermeister und den Gemeinderat',
     $txt$Die Mitarbeiterinnen und Mitarbeiter der Abteilung Außenbeziehungen konzipieren und organisieren Veranstaltungen und Fachdelegationsreisen für den Oberbürgermeister und den Gemeinderat, bereiten diese fachlich vor und nach und sorgen für einen Wissens- und Informationstransfer zwischen den Beteiligten.$txt$),
    ('field_of_activity', 6, 'F6', 'Internationale Projekte, Netzwerkarbeit oder Fachprogramme der Ämter und Eigenbetriebe',
     $txt$Ämter und Eigenbetriebe führen internationale Projekte, Netzwerkarbeit oder Fachprogramme eigenständig durch; hier wurde eine starke eigene dezentrale internationale Expertise aufgebaut. Beispielhaft illustriert sei dies durch die Kompetenzen der Abteilung Mobilität im Referat Koordination und Planung des Oberbürgermeisters, die das internationale Netzwerk Cities for Mobility koordiniert und damit den Wissens- und Erfahrungsaustausch in Fragen nachhaltiger Mobilität zwischen Kommunen, Wirtschaft, Wissenschaft und Forschung sowie der Zivilgesellschaft fördert.$txt$)
) AS v (kind, position, code, title, description)
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'stuttgart')
  AND p.archived_at IS NULL;

-- +goose Down
DELETE FROM policy WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'stuttgart');
