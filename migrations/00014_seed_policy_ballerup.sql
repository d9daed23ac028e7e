-- Seed: the policy of Ballerup, "Ballerup Kommunes Internationale Strategi" (approved
-- 25 August 2014), with its four focus areas and the rules on publishing trips abroad
-- with programme and accounts and on committee approval of trip reports.
-- From seeds/ballerup-international-strategi-2014.da.txt, an OCR scan: the text is seeded
-- with the Danish letters æ, ø, å restored and the scan's other errors corrected.

-- +goose Up
INSERT INTO policy (municipality_id, title, language, summary, full_text,
                    adopted_on, adopted_by, valid_from, valid_until, source)
VALUES (
    (SELECT id FROM municipality WHERE slug = 'ballerup'),
    'Ballerup Kommunes Internationale Strategi',
    'da',
    $txt$Med denne strategi ønsker Ballerup Kommune at målrette indsatsen på det internationale område. Kommunens internationale engagement skal understøtte kernedriften, herunder i særlig grad inden for børne- og ungeområdet, og vil særligt have fokus på aktiviteter, der vedrører børne- og ungeområdet, erhvervsområdet, mellemfolkelige relationer og tværgående indsatser. Oplysninger om politikernes og administrationens udlandsrejser, bl.a. program og regnskab, offentliggøres på ballerup.dk.$txt$,
    $txt$Ballerup Kommunes Internationale Strategi

Strategi godkendt d. 25.8.2014

Introduktion

Ballerup Kommune har en lang tradition for et internationalt engagement. Med denne strategi ønsker kommunen at målrette indsatsen på det internationale område.

Mål

Ballerup Kommunes internationale engagement skal understøtte kommunes kernedrift, herunder i særlig grad inden for børne- og ungeområdet.

Det skal styrke den mellemfolkelige og internationale forståelse, herunder bidrage til at opbygge kompetencer, der er krævet i en stadigt mere global og internationaliseret verden.

Ballerup Kommunes internationale engagement skal kunne være til gavn også for virksomheder og være med til at profilere kommunen i forhold til at tiltrække internationale investeringer og medarbejdere.

Kommunens internationale aktiviteter skal kunne bidrage til at udvikle kommunens services. De skal give inspiration til såvel politikere som ansatte, og konkret være til gavn for kommunens borgere.

Ballerup Kommune engagerer sig og samarbejder internationalt med parter og i projekter, der kan tilføre værdi og udvikling til Ballerup.

Fokus og indsats

Ballerup Kommunens internationale engagement vil særligt have fokus på aktiviteter, der vedrører

- Børne- og ungeområdet
- Erhvervsområdet
- Mellemfolkelige relationer
- Tværgående indsatser.

Indsatser på børne- og ungeområdet

En detaljeret international strategi for 0 – 18-årige i Ballerup Kommune og en målrettet handleplan fastlægger rammen for de konkrete indsatser, der arbejdes med på børne- og ungeområdet.

Strategien sætter bl.a. fokus på uddannelse af internationale koordinatorer på alle Ballerup Kommunes skoler og internationale udvekslinger og undervisningsprojekter.

Indsatser på Erhvervsområdet

Ballerup Kommunes Erhvervspolitik og handleplan fastlægger, hvordan kommunen anvender internationale relationer indenfor erhvervsudvikling. Ligeledes arbejder kommunen med målrettede indsatser for erhvervsudvikling inden for Bycirklens (Ballerup, Egedal og Frederikssund Kommuner) samlede Kina Erhvervsstrategi.

Her fokuseres bl.a. på øget samarbejde med relevante erhvervsrettede aktører samt tæt dialog og samarbejde med de virksomheder, der arbejder internationalt samt ønsker et internationalt fokus.

Indsatser på det mellemfolkelige område

Kommunen tilskynder via tilskud og støttemuligheder foreninger og borgere til at have internationale aktiviteter.

Ballerup Kommunes politikere støtter op om de internationale aktiviteter og samarbejdsrelationer inden for de nævnte fokusområder. Det betyder bl.a. deltagelse i relevante besøg og lignende aktiviteter, der fremmer kommunens mål om udvikling og udbytte af internationale kontakter til gavn for kommunens borgere, virksomheder og ansatte.

Tværgående indsatser

Kommunen samarbejder og indgår i partnerskaber med andre (regionale og nationale) aktører såsom Copenhagen Capacity, KKR Hovedstaden, Region Hovedstadens og KKR's EU-kontor samt Bycirklen, for at sikre, at man gennem disse større enheder og sammenslutninger opnår en øget professionalisme, gennemslagskraft og deraf et større udbytte af kommunens internationale engagement.

I forhold til at sikre fortsat udvikling af de kommunale serviceydelser og ny inspiration har Ballerup Kommune etableret en studierejsefond, der kan søges af kommunens ansatte til studierejser i udlandet. Herudover har de stående politiske udvalg et eget budget til at foretage studierejser, bl.a. til udlandet.

Der arbejdes løbende med at tage godt imod og yde service til internationale borgere, virksomheder og ansatte i kommunen. Dette sker bl.a. ved at have information og services tilgængeligt via ballerup.dk/english samt kommunens engelsksprogede erhvervsportal, erhvervsnyhedsbrev, kontinuerlig dialog med kommunens uddannelsesinstitutioner, boligselskaber og internationalt orienterede virksomheder.

Faste internationale samarbejdspartnere

Ballerup Kommune samarbejder internationalt gennem såvel netværk, partnerskaber som by til by-relationer. Det afgørende er, at samarbejdsrelationen giver et udbytte for begge parter, og at relationen kan skabe værdi i forhold til kommunens indsatsområder.

Ballerup Kommune samarbejder med følgende byer:

Venskabsbyer

- Prag 10, Tjekkiet
- East Kilbride/South Lanarkshire, Skotland

Partnerskaber

- Wuxi, Kina (gennem Bycirkel-samarbejdet)
- Brandenburg an der Havel, Tyskland

Ved udvidelser af faste partnerskaber lægges vægt på, at samarbejdsrelationer skal kunne give et særligt udbytte og være særligt relevant for Ballerup Kommunes børn og unge.

Ballerup arbejder konkret på at finde relevante nye nordiske samarbejdspartnere til at imødekomme skolers ønsker om flere nordiske samarbejdsskoler.

Aktiviteter

Kommunens internationale aktiviteter spænder vidt og kan have et varieret omfang og varighed - overordnet mål for aktiviteterne er dog, at de er med til at realisere de opsatte mål for kommunens internationale engagement.

Aktiviteterne foregår bl.a. indenfor rammerne af projektsamarbejder, netværkssamarbejder og by til by-samarbejder.

Kommunen understøtter primært internationale aktiviteter indenfor

- Elev- og lærerudvekslinger/skoleprojekter
- Erhvervsudvikling/investeringsfremme
- Mellemfolkelige udvekslinger/ sports- og kulturarrangementer

Herudover understøttes også aktiviteter indenfor

- Studiebesøg/erfaringsudvekslingsbesøg – ansatte og politikere
- EU og øvrige internationale projekter
- Borgerservice - tage godt imod og yde service til internationale borgere, virksomheder og ansatte i kommunen

Tilskud og finansiering

Det samlede centrale driftsbudget til internationale aktiviteter er på 522.000 kr. fra og med 2015.

Dette budget dækker:

- Tilskud til børn og unge under 25 år til rejser i kommunens samarbejdsbyer og til kommunens venskabsbyforeninger: 150.000 kr.
- Tilskud til skoleelevers udveksling i Wuxi, Kina: 159.000 kr.
- Rejser og aktiviteter i tilknytning til kommunens internationale samarbejde, (samarbejdskommuner i andre lande, herunder rejser til Wuxi, som ikke er direkte forbundet med Bycirklen): 190.000 kr.
- Netværk for lærere og aktører på skoleområdet med fokus på kommunens internationale aktiviteter: 23.000 kr.

Derudover er der følgende budgetter for øvrige internationale aktiviteter:

Ballerup Kommunes studierejsefond har op til 100.000 kr. til rådighed om året.

De stående udvalg og Økonomiudvalget har hver 65.000 kr. til deres rådighed til kurser, konferencer og studieture om året. Kommunalbestyrelsen har et budget på 69.000 kr. pr. år til kurser, konferencer og studieture. For begge gælder, at der er overførselsadgang mellem årene i valgperioden.

Kontingentet for Ballerup Kommunes medlemskab af Bycirklen dækker udgifterne til Bycirkel-relaterede aktiviteter og rejser til Wuxi.

Herudover indgår medarbejdernes tid. Til central koordination og support er afsat 0,5 årsværk. Til koordination og support på børne- og ungeområdet er afsat 0,25 årsværk samt 10 timer til internationale koordinatorers netværksmøder årligt. Endelig indgår der medarbejdertid, når Ballerup Kommune deltager i forskellige internationale projekter.

Ballerup Kommune vil, hvor det er muligt og formålstjenligt, søge at få de internationale aktiviteter dækket af fonds- og udviklingsmidler, men indgåelse i aktiviteter og projekter skal ikke være drevet af eventuel udsigt til fonds- og udviklingsmidler alene.

Åbenhed og dokumentation

Oplysninger om politikernes og administrationens udlandsrejser offentliggøres på ballerup.dk. Disse oplysninger indeholder bl.a. program og regnskab for udlandsrejsen. Det giver åbenhed og gennemsigtighed og udgør samtidig dokumentation af udlandsrejser over for offentligheden.

Herudover udarbejdes rapporter fra udvalgenes udlandsrejser, der bl.a. redegør for rejsens mål og udbytte. Disse rapporter behandles og godkendes i udvalgene inden offentliggørelse på ballerup.dk.

Generelt søger Ballerup Kommune at formidle de internationale aktiviteter til kommunens borgere og virksomheder gennem lokale medier og kommunens hjemmeside.$txt$,
    DATE '2014-08-25',
    NULL,
    NULL,
    NULL,
    'seeds/ballerup-international-strategi-2014.da.txt: international strategy of Ballerup Municipality (Ballerup Kommune), approved 25 August 2014 (the text does not say by whom); OCR scan, seeded with the Danish letters æ, ø, å restored.'
);

INSERT INTO priority (policy_id, kind, position, code, title, description)
SELECT p.id, v.kind, v.position, v.code, v.title, v.description
FROM policy p
CROSS JOIN (VALUES
    ('focus_area', 1, 'F1', 'Børne- og ungeområdet',
     $txt$En detaljeret international strategi for 0 – 18-årige i Ballerup Kommune og en målrettet handleplan fastlægger rammen for de konkrete indsatser, der arbejdes med på børne- og ungeområdet.

Strategien sætter bl.a. fokus på uddannelse af internationale koordinatorer på alle Ballerup Kommunes skoler og internationale udvekslinger og undervisningsprojekter.$txt$),
    ('focus_area', 2, 'F2', 'Erhvervsområdet',
     $txt$Ballerup Kommunes Erhvervspolitik og handleplan fastlægger, hvordan kommunen anvender internationale relationer indenfor erhvervsudvikling. Ligeledes arbejder kommunen med målrettede indsatser for erhvervsudvikling inden for Bycirklens (Ballerup, Egedal og Frederikssund Kommuner) samlede Kina Erhvervsstrategi.

Her fokuseres bl.a. på øget samarbejde med relevante erhvervsrettede aktører samt tæt dialog og samarbejde med de virksomheder, der arbejder internationalt samt ønsker et internationalt fokus.$txt$),
    ('focus_area', 3, 'F3', 'Mellemfolkelige relationer',
     $txt$Kommunen tilskynder via tilskud og støttemuligheder foreninger og borgere til at have internationale aktiviteter.

Ballerup Kommunes politikere støtter op om de internationale aktiviteter og samarbejdsrelationer inden for de nævnte fokusområder. Det betyder bl.a. deltagelse i relevante besøg og lignende aktiviteter, der fremmer kommunens mål om udvikling og udbytte af internationale kontakter til gavn for kommunens borgere, virksomheder og ansatte.$txt$),
    ('focus_area', 4, 'F4', 'Tværgående indsatser',
     $txt$Kommunen samarbejder og indgår i partnerskaber med andre (regionale og nationale) aktører såsom Copenhagen Capacity, KKR Hovedstaden, Region Hovedstadens og KKR's EU-kontor samt Bycirklen, for at sikre, at man gennem disse større enheder og sammenslutninger opnår en øget professionalisme, gennemslagskraft og deraf et større udbytte af kommunens internationale engagement.

I forhold til at sikre fortsat udvikling af de kommunale serviceydelser og ny inspiration har Ballerup Kommune etableret en studierejsefond, der kan søges af kommunens ansatte til studierejser i udlandet. Herudover har de stående politiske udvalg et eget budget til at foretage studierejser, bl.a. til udlandet.

Der arbejdes løbende med at tage godt imod og yde service til internationale borgere, virksomheder og ansatte i kommunen. Dette sker bl.a. ved at have information og services tilgængeligt via ballerup.dk/english samt kommunens engelsksprogede erhvervsportal, erhvervsnyhedsbrev, kontinuerlig dialog med kommunens uddannelsesinstitutioner, boligselskaber og internationalt orienterede virksomheder.$txt$)
) AS v (kind, position, code, title, description)
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup')
  AND p.archived_at IS NULL;

INSERT INTO policy_rule (policy_id, kind, enforcement, parameters, source_sentence, description)
SELECT p.id, v.kind, v.enforcement, v.parameters::jsonb, v.source_sentence, v.description
FROM policy p
CROSS JOIN (VALUES
    ('report_approval_before_publication', 'enforce',
     '{"approver": "committee", "applies_to": "committee_trips", "report_covers": ["goal", "outcome"]}',
     $txt$Disse rapporter behandles og godkendes i udvalgene inden offentliggørelse på ballerup.dk.$txt$,
     'Reports on committee trips abroad, which account for the trip''s goal and outcome, are considered and approved by the committee before they are published.'),
    ('publish_trips_with_accounts', 'enforce',
     '{"publish": ["programme", "accounts"], "travellers": ["politician", "staff"]}',
     $txt$Oplysninger om politikernes og administrationens udlandsrejser offentliggøres på ballerup.dk. Disse oplysninger indeholder bl.a. program og regnskab for udlandsrejsen.$txt$,
     'Information on politicians'' and staff''s trips abroad is published, including the programme and accounts of each trip.')
) AS v (kind, enforcement, parameters, source_sentence, description)
WHERE p.municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup')
  AND p.archived_at IS NULL;

-- +goose Down
DELETE FROM policy WHERE municipality_id = (SELECT id FROM municipality WHERE slug = 'ballerup');
