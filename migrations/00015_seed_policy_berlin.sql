-- Seed: the policy of Berlin, the web page "Strategie und Ziele" (no single strategy, but
-- guidelines of its international work), with its guidelines and five focus themes. The
-- page gives no adoption or validity dates and no rules.
-- From seeds/berlin-strategie-und-ziele.de.txt; the corona banner, page navigation and
-- image caption dropped.

-- +goose Up
INSERT INTO policy (municipality_id, title, language, summary, full_text,
                    adopted_on, adopted_by, valid_from, valid_until, source)
VALUES (
    (SELECT id FROM municipality WHERE slug = 'berlin'),
    'Strategie und Ziele',
    'de',
    $txt$Bei der Vielfalt der Partner*innen in aller Welt ist es nicht möglich, eine „allgemeingültige“ Strategie für die gesamte internationale Kooperation zu entwickeln; Leitlinien der Arbeit sind der Austausch von Erfahrungen, ein konkreter Nutzen für die Bürger*innen aus Partnerschaften und die Nachhaltigkeit der Kontakte. Für die kommenden Jahre stehen die Themen Wirtschaft, Wissenschaft, Kultur, Klima und Integration im Mittelpunkt der Arbeit. Berlin will nicht nur know how exportieren, sondern durch die internationalen Kooperationen auch selbst profitieren.$txt$,
    $txt$Strategie und Ziele

Bei der Vielfalt der Partner*innen in aller Welt ist es nicht möglich, eine „allgemeingültige“ Strategie für die gesamte internationale Kooperation zu entwickeln. Wichtig ist, sich auf Kultur, Erwartungshaltung und Möglichkeiten der jeweiligen Partnerstadt einzustellen. Dennoch möchten wir nachfolgend einige Leitlinien unserer Arbeit darstellen:

Ein wesentlicher Aspekt dessen, was wir mit unseren internationalen Kontakten verfolgen, ist der Austausch von Erfahrungen. “Best practises” bei Stadtentwicklung, Verkehr und Infrastruktur, Umwelt- und Klimaschutz sowie der Verwaltungsmodernisierung helfen gegenseitig, die Entwicklung der Städte zu steuern und voranzubringen. Berlin ist als junge und attraktive Stadt für viele Metropolen in der Welt ein attraktiver Kooperationspartner.

Neben dieser Zusammenarbeit auf der politischen und administrativen Ebene ist es ein besonderes Anliegen Berlins, dass den Bürger*innen ein konkreter Nutzen aus Partnerschaften erwächst. Deshalb werden Kontakte der Zivilgesellschaft und zwischen Bürger*innen und Volksvertreter*innen unterstützt und gefördert. Dies gilt insbesondere für Kultur- und Sportveranstaltungen, Jugendaustauschen und Studienaufenthalten. Die Bildung von Netzwerken mit vielen Partner*innen, Institutionen und Vereinen außerhalb der Verwaltung ist unerlässlich, wenn man erfolgreich international zusammenarbeiten will.

Ein weiterer wichtiger Gesichtspunkt ist die Nachhaltigkeit der Kontakte. Die Erfahrung zeigt, dass es sinnvoller ist, konsequent an Gesamtprogrammen zu arbeiten, als sporadische Einzelprojekte zu initiieren.

Zudem setzen wir auf klare inhaltliche Schwerpunkte. Für die kommenden Jahre stehen die Themen Wirtschaft, Wissenschaft, Kultur, Klima und Integration im Mittelpunkt der Arbeit. Das schließt natürlich nicht aus, dass auch in anderen Themenbereichen international agiert und kooperiert wird.

Berlin will nicht nur know how exportieren, sondern durch die internationalen Kooperationen auch selbst profitieren. Deshalb setzen wir mit den genannten Themen in erster Linie auf unsere Stärken. Berliner Unternehmen Chancen im Ausland zu eröffnen und die Stärke Berlins als Tourismusziel auszuspielen sind wesentliche Ziele unserer Arbeit.$txt$,
    NULL,
    NULL,
    NULL,
    NULL,
    'seeds/berlin-strategie-und-ziele.de.txt: web page "Strategie und Ziele" on the international cooperation of Berlin; undated, no adoption or validity given; corona banner and image caption removed.'
);

INSERT INTO priority (policy_id, kind, position, code, title, description)
SELECT p.id, v.kind, v.position, v.code, v.title, v.description
FROM policy p
CROSS JOIN (VALUES
    ('guideline', 1, 'G1', 'Austausch von Erfahrungen',
     $txt$Ein wesentlicher Aspekt dessen, was wir mit unseren internationalen Kontakten verfolgen, ist der Austausch von Erfahrungen. “Best practises” bei Stadtentwicklung, Verkehr und Infrastruktur, Umwelt- und Klimaschutz sowie der Verwaltungsmodernisierung helfen gegenseitig, die Entwicklung der Städte zu steuern und voranzubringen. Berlin ist als junge und attraktive Stadt für viele Metropolen in der Welt ein attraktiver Kooperationspartner.$txt$),
    ('guideline', 2, 'G2', 'Konkreter Nutzen für die Bürger*innen aus Partnerschaften',
     $txt$Neben dieser Zusammenarbeit auf der politischen und administrativen Ebene ist es ein besonderes Anliegen Berlins, dass den Bürger*innen ein konkreter Nutzen aus Partnerschaften erwächst.$txt$),
    ('guideline', 3, 'G3', 'Kontakte der Zivilgesellschaft',
     $txt$Deshalb werden Kontakte der Zivilgesellschaft und zwischen Bürger*innen und Volksvertreter*innen unterstützt und gefördert. Dies gilt insbesondere für Kultur- und Sportveranstaltungen, Jugendaustauschen und Studienaufenthalten. Die Bildung von Netzwerken mit vielen Partner*innen, Institutionen und Vereinen außerhalb der Verwaltung ist unerlässlich, wenn man erfolgreich international zusammenarbeiten will.$txt$),
    ('guideline', 4, 'G4', 'Nachhaltigkeit der Kontakte',
     $txt$Ein weiterer wichtiger Gesichtspunkt ist die Nachhaltigkeit der Kontakte. Die Erfahrung zeigt, dass es sinnvoller ist, konsequent an Gesamtprogrammen zu arbeiten, als sporadische Einzelprojekte zu initiieren.$txt$),
    ('guideline', 5, 'G5', 'Klare inhaltliche Schwerpunkte',
     $txt$Zudem setzen wir auf klare inhaltliche Schwerpunkte. Für die kommenden Jahre stehen die Themen Wirtschaft, Wissenschaft, Kultur, Klima und Integration im Mittelpunkt der Arbeit. Das schließt natürlich nicht aus, dass auch in anderen Themenbereichen international agiert und kooperiert wird.$txt$),
    ('guideline', 6, 'G6', 'Durch die internationalen Kooperationen auch selbst profitieren',
     $txt$Berlin will nicht nur know how exportieren, sondern durch die internationalen Kooperationen auch selbst profitieren. Deshalb setzen wir mit den genannten Themen in erster Linie auf unsere Stärken. Berliner Unternehmen Chancen im Ausland zu eröffnen und die Stärke Berlins als Tourismusziel auszuspielen sind wesentliche Ziele unserer Arbeit.$txt$),
    ('focus_theme', 1, 'T1', 'Wirtschaft',
     $txt$Für die kommenden Jahre stehen die Themen Wirtschaft, Wissenschaft, Kultur, Klima und Integration im Mittelpunkt der Arbeit.$txt$),
    ('focus_theme', 2, 'T2', 'Wissenschaft',
     $txt$Für die kommenden Jahre stehen die Themen Wirtschaft, Wissenschaft, Kultur, Klima und Integration im Mittelpunkt der Arbeit.$txt$),
    ('focus_theme', 3, 'T3', 'Kultur',
     $txt$Für die kommenden Jahre stehen die Themen Wirtschaft, Wissenschaft, Kultur, Klima und Integration im Mittelpunkt der Arbeit.$txt$),
    ('focus_theme', 4, 'T4', 'Klima',
     $txt$Für die kommenden Jahre stehen die Themen Wirtschaft, Wissenschaft, Kultur, Klima und Integration im Mittelpunkt der Arbeit.$txt$),
    ('focus_theme', 5, 'T5', 'Integration',
     $txt$Für die kommenden Jahre stehen die Themen Wirtschaft, Wissenschaft, Kultur, Klima und Integration im Mittelpunkt der Arbeit.$txt$)
) AS v (kind, position, code, title, description)
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'berlin')
  AND p.archived_at IS NULL;

-- +goose Down
DELETE FROM policy WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'berlin');
