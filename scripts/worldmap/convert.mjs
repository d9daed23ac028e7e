// convert.mjs turns the Natural Earth 1:110m country outlines shipped in the
// world-atlas npm package (TopoJSON) into the compact GeoJSON-like file that
// internal/geo embeds with go:embed. It runs at build time only, so the Go
// build and the server never need node.
//
// Regenerate (from the repository root):
//
//   npm ci --prefix scripts/worldmap && node scripts/worldmap/convert.mjs
//
// Output: internal/geo/world110m.json, an array of
//   {"id": "<ISO 3166-1 numeric, may be empty>", "name": "...",
//    "polygons": [[ring, ...], ...]}   // ring = [[lon, lat], ...]
// Rings that cross the antimeridian (Russia, Fiji, Antarctica) are cut
// there, because world-atlas leaves that to d3-geo's spherical clipping and
// a planar renderer would otherwise draw lines across the whole map.
// Coordinates are rounded to 2 decimals (about 1 km, far below what a
// 1:110m outline can show), and consecutive duplicate points that rounding
// creates are dropped, which keeps the committed file small.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const topoPath = require.resolve('world-atlas/countries-110m.json');
const outPath = join(here, '..', '..', 'internal', 'geo', 'world110m.json');

const topo = JSON.parse(readFileSync(topoPath, 'utf8'));
const fc = feature(topo, topo.objects.countries);

const r2 = (v) => Math.round(v * 100) / 100;

function ring(coords) {
  const out = [];
  for (const [lon, lat] of coords) {
    const p = [r2(lon), r2(lat)];
    const last = out[out.length - 1];
    if (last && last[0] === p[0] && last[1] === p[1]) continue;
    out.push(p);
  }
  // A ring needs at least a triangle plus its closing point.
  return out.length >= 4 ? out : null;
}

// unwrap makes longitudes continuous (no jump of more than 180°). A ring
// around a pole (Antarctica) then ends 360° from where it started; it is
// closed along the pole, which Equal Earth draws as a straight line.
function unwrap(coords) {
  const out = [];
  let prevRaw = null;
  let prevU = null;
  for (const [lon, lat] of coords) {
    let u = lon;
    if (prevRaw !== null) {
      let d = lon - prevRaw;
      if (d > 180) d -= 360;
      if (d < -180) d += 360;
      u = prevU + d;
    }
    out.push([u, lat]);
    prevRaw = lon;
    prevU = u;
  }
  const net = out[out.length - 1][0] - out[0][0];
  if (Math.abs(net) > 180) {
    const meanLat = out.reduce((s, p) => s + p[1], 0) / out.length;
    const pole = meanLat < 0 ? -90 : 90;
    out.push([out[out.length - 1][0], pole], [out[0][0], pole], out[0]);
  }
  return out;
}

// clipX keeps the part of a closed ring with lo <= lon <= hi
// (Sutherland–Hodgman against two vertical lines).
function clipX(pts, lo, hi) {
  const edge = (input, inside, xEdge) => {
    const out = [];
    if (input.length === 0) return out;
    let prev = input[input.length - 1];
    for (const cur of input) {
      const ci = inside(cur[0]);
      const pi = inside(prev[0]);
      if (ci !== pi) {
        const t = (xEdge - prev[0]) / (cur[0] - prev[0]);
        out.push([xEdge, prev[1] + t * (cur[1] - prev[1])]);
      }
      if (ci) out.push(cur);
      prev = cur;
    }
    return out;
  };
  let r = edge(pts, (x) => x >= lo, lo);
  r = edge(r, (x) => x <= hi, hi);
  if (r.length > 0) r.push(r[0]);
  return r;
}

// cutPolygon splits a polygon (outer ring and holes) into one polygon per
// 360° window it touches, shifted back into [-180, 180].
function cutPolygon(rings) {
  const un = rings.map((r) => unwrap(r));
  let min = Infinity;
  let max = -Infinity;
  for (const r of un) for (const [x] of r) { min = Math.min(min, x); max = Math.max(max, x); }
  if (min >= -180 && max <= 180) return [un];
  const out = [];
  for (let k = Math.floor((min + 180) / 360); k * 360 - 180 < max; k++) {
    const lo = k * 360 - 180;
    const pieces = un
      .map((r) => clipX(r.slice(0, -1), lo, lo + 360).map(([x, y]) => [x - k * 360, y]))
      .filter((r) => r.length >= 4);
    if (pieces.length > 0) out.push(pieces);
  }
  return out;
}

function polygons(geom) {
  if (!geom) return [];
  const polys = geom.type === 'Polygon' ? [geom.coordinates]
    : geom.type === 'MultiPolygon' ? geom.coordinates : [];
  return polys
    .flatMap(cutPolygon)
    .map((rings) => rings.map(ring).filter(Boolean))
    .filter((rings) => rings.length > 0);
}

const countries = fc.features
  .map((f) => ({
    id: f.id == null ? '' : String(f.id),
    name: (f.properties && f.properties.name) || '',
    polygons: polygons(f.geometry),
  }))
  .filter((c) => c.polygons.length > 0)
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

// One country per line: diffs of a regenerated file stay readable.
const body = '[\n' + countries.map((c) => JSON.stringify(c)).join(',\n') + '\n]\n';
writeFileSync(outPath, body);
console.log(`wrote ${outPath}: ${countries.length} countries, ${body.length} bytes`);
