/**
 * npm run eval [-- --geovirus PATH] [--errors]
 * 1. Toponyms on GeoVirus (WikiNews, gold toponyms with coordinates; test data read from
 *    ../shared/eval/geovirus/GeoVirus.xml by default, never copied into the repository): precision, recall
 *    and F1 by span overlap, accuracy within 161 km and median error of the resolved coordinates.
 * 2. The seed article ingested in memory against its curated claims: how many curated claims a draft
 *    overlaps, and how many of their places and intervals the drafts recover.
 *   --errors   also list missed and spurious toponyms and far-off resolutions (for development)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { parse as parseYaml } from 'yaml';
import { resolvePhrase } from '../src/domain/dates';
import { draftArticle } from '../src/ingest/draft';
import type { DraftClaim } from '../src/ingest/draft';
import { geoparse } from '../src/ingest/geoparse';
import type { Toponym } from '../src/ingest/geoparse';
import { IngestInputError } from '../src/ingest/text';
import { fail, parseArgs, stringFlag } from './ingest-lib/cli';
import { haversineKm, parseDevNews, parseGeoVirus, scoreArticle, summarise } from './ingest-lib/geovirus';
import type { GoldToponym } from './ingest-lib/geovirus';
import { loadNodeGazetteer } from './ingest-lib/node-gazetteer';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const SEED = 'jihadists-syria-libya-afghanistan';
const SEED_PUBLISHED = '2021-07-28';

type Shape = Feature<Polygon | MultiPolygon> | FeatureCollection<Polygon | MultiPolygon>;
const countryShapes = new Map<string, Shape | null>();
function countryShape(iso3: string): Shape | null {
  if (!countryShapes.has(iso3)) {
    let shape: Shape | null = null;
    try {
      shape = JSON.parse(readFileSync(require.resolve(`world-countries/data/${iso3.toLowerCase()}.geo.json`), 'utf8')) as Shape;
    } catch {
      shape = null;
    }
    countryShapes.set(iso3, shape);
  }
  return countryShapes.get(iso3)!;
}

/** Distance that treats a country as the area it is: 0 when the gold point lies inside the predicted country. */
function areaAwareKm(g: GoldToponym, p: Toponym): number {
  if (p.kind === 'country') {
    const shape = countryShape(p.id);
    if (shape) {
      const features = 'features' in shape ? shape.features : [shape];
      if (features.some((f) => booleanPointInPolygon([g.lon, g.lat], f))) return 0;
    }
  }
  return haversineKm(g.lat, g.lon, p.lat, p.lon);
}

const pct = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '—');
const km = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(0)} km` : '—');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r, i) => {
    const line = r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
    return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}

async function evalGeoVirus(path: string, showErrors: boolean): Promise<void> {
  if (!existsSync(path)) throw new IngestInputError(`--geovirus: ${path} not found (GeoVirus.xml is test data kept outside the repository)`);
  const articles = parseGeoVirus(readFileSync(path, 'utf8'));
  const gaz = await loadNodeGazetteer((m) => process.stderr.write(`eval: ${m}\n`));
  const acc = { strict: { tp: 0, pred: 0, gold: 0 }, neutral: { tp: 0, pred: 0, gold: 0 } };
  const errors: number[] = [];
  const areaErrors: number[] = [];
  const byKind = new Map<string, number[]>();
  const missed = new Map<string, number>();
  const spurious = new Map<string, number>();
  const far: string[] = [];
  let chars = 0;
  let unaligned = 0;
  const c0 = process.cpuUsage();
  const parsed = articles.map((a) => geoparse(a.text, gaz));
  const cpu = process.cpuUsage(c0);
  const ms = (cpu.user + cpu.system) / 1000;
  articles.forEach((a, i) => {
    chars += a.text.length;
    unaligned += a.unaligned;
    const preds = parsed[i]!;
    const strict = scoreArticle(a.gold, preds, { demonymsNeutral: false });
    const neutral = scoreArticle(a.gold, preds, { demonymsNeutral: true });
    acc.strict.tp += strict.tp;
    acc.strict.pred += strict.predicted;
    acc.strict.gold += strict.gold;
    acc.neutral.tp += neutral.tp;
    acc.neutral.pred += neutral.predicted;
    acc.neutral.gold += neutral.gold;
    // Resolution errors over the matched pairs (the same pairs in both scorings).
    const used = new Set<Toponym>();
    for (const g of a.gold) {
      let best: Toponym | null = null;
      let ov = 0;
      for (const p of preds) {
        if (p.kind === 'border' || used.has(p)) continue;
        const o = Math.min(g.end, p.end) - Math.max(g.start, p.start);
        if (o > ov) {
          ov = o;
          best = p;
        }
      }
      if (!best) continue;
      used.add(best);
      const e = haversineKm(g.lat, g.lon, best.lat, best.lon);
      errors.push(e);
      areaErrors.push(areaAwareKm(g, best));
      const list = byKind.get(best.kind) ?? [];
      list.push(e);
      byKind.set(best.kind, list);
      if (e > 161 && best.kind !== 'country' && best.kind !== 'region') far.push(`${g.name} → ${best.name} (${best.id}) ${e.toFixed(0)} km`);
    }
    for (const m of neutral.missed) missed.set(m.name, (missed.get(m.name) ?? 0) + 1);
    for (const s of neutral.spurious) spurious.set(`${s.text}→${s.name}`, (spurious.get(`${s.text}→${s.name}`) ?? 0) + 1);
  });

  const strict = summarise(acc.strict.tp, acc.strict.pred, acc.strict.gold, errors);
  const neutral = summarise(acc.neutral.tp, acc.neutral.pred, acc.neutral.gold, errors);
  const area = summarise(acc.neutral.tp, acc.neutral.pred, acc.neutral.gold, areaErrors);
  const goldCount = acc.neutral.gold;
  console.log(`GeoVirus toponyms — ${articles.length} articles, ${goldCount} gold toponyms (${unaligned} gold entries without a name or locatable span skipped), ${(chars / 1024).toFixed(0)} KB of text`);
  console.log(
    table([
      ['scoring', 'P', 'R', 'F1', 'acc@161', 'median err', 'mean err', 'matched'],
      ['demonyms neutral (headline)', pct(neutral.precision), pct(neutral.recall), pct(neutral.f1), pct(neutral.acc161), km(neutral.medianKm), km(neutral.meanKm), String(neutral.tp)],
      ['demonyms count as errors', pct(strict.precision), pct(strict.recall), pct(strict.f1), pct(strict.acc161), km(strict.medianKm), km(strict.meanKm), String(strict.tp)],
      ['countries as areas', pct(area.precision), pct(area.recall), pct(area.f1), pct(area.acc161), km(area.medianKm), km(area.meanKm), String(area.tp)],
    ]),
  );
  console.log(
    'Span overlap, one prediction per gold span. "demonyms neutral": a predicted "Russian" overlapping no gold name is not counted (GeoVirus annotates names only). ' +
      '"countries as areas": a country resolution is 0 km off when the gold point lies inside that country (world-countries polygons); points otherwise.',
  );
  console.log(
    table([
      ['resolved as', 'matched', 'acc@161', 'median err'],
      ...[...byKind].sort((a, b) => b[1].length - a[1].length).map(([k, e]) => {
        const s = summarise(e.length, e.length, e.length, e);
        return [k, String(e.length), pct(s.acc161), km(s.medianKm)];
      }),
    ]),
  );
  console.log(`geoparse speed: ${(chars / 1024 / 1024 / (ms / 1000)).toFixed(2)} MB/s of CPU time over the GeoVirus texts, one pass, cold (${ms.toFixed(0)} ms; npm run -s geoparse -- --bench measures warm)`);
  if (showErrors) {
    const top = (m: Map<string, number>): string => [...m].sort((a, b) => b[1] - a[1]).slice(0, 60).map(([k, v]) => `${k}:${v}`).join(', ');
    console.log(`\nmissed: ${top(missed)}\n\nspurious: ${top(spurious)}\n\nfar (cities, subdivisions):\n${far.slice(0, 60).join('\n')}`);
  }
}

/** The project's own annotated paragraphs: the same scoring, to see a change generalise beyond GeoVirus. */
async function evalDevNews(showErrors: boolean): Promise<void> {
  const file = join(repoRoot, 'scripts', 'ingest-lib', 'dev-news.json');
  const articles = parseDevNews(readFileSync(file, 'utf8'), 'scripts/ingest-lib/dev-news.json');
  const gaz = await loadNodeGazetteer();
  let tp = 0;
  let pred = 0;
  let gold = 0;
  const errors: number[] = [];
  const notes: string[] = [];
  for (const a of articles) {
    const s = scoreArticle(a.gold, geoparse(a.text, gaz), { demonymsNeutral: true });
    tp += s.tp;
    pred += s.predicted;
    gold += s.gold;
    for (const e of s.errors) if (Number.isFinite(e)) errors.push(e);
    for (const m of s.missed) notes.push(`missed ${m.name}`);
    for (const p of s.spurious) notes.push(`spurious ${p.text}→${p.name}`);
    for (const g of a.gold) {
      const p = geoparse(a.text, gaz).find((x) => x.start < g.end && x.end > g.start);
      if (p && Number.isFinite(g.lat) && haversineKm(g.lat, g.lon, p.lat, p.lon) > 161) {
        notes.push(`far ${g.name} → ${p.name} (${p.id}) ${haversineKm(g.lat, g.lon, p.lat, p.lon).toFixed(0)} km`);
      }
    }
  }
  const s = summarise(tp, pred, gold, errors);
  console.log(`\nOwn news paragraphs (scripts/ingest-lib/dev-news.json: ${articles.length} articles, ${gold} gold toponyms, ${errors.length} with GeoNames points)`);
  console.log(
    table([
      ['scoring', 'P', 'R', 'F1', 'acc@161', 'median err', 'mean err'],
      ['demonyms neutral', pct(s.precision), pct(s.recall), pct(s.f1), pct(s.acc161), km(s.medianKm), km(s.meanKm)],
    ]),
  );
  if (showErrors && notes.length > 0) console.log(notes.join('\n'));
}

interface CuratedClaim {
  id: string;
  quote: string;
  occurrence?: number;
  kind: string;
  places: { id: string }[];
  when: { phrase: string | null; start?: string | Date; end?: string | Date };
}

const normPlace = (id: string): string => {
  const b = /^border:([A-Z]{3})-([A-Z]{3})$/.exec(id);
  return b ? `border:${[b[1], b[2]].sort().join('-')}` : id;
};
const isoDay = (d: string | Date | undefined): string | undefined => (d instanceof Date ? d.toISOString().slice(0, 10) : d);

async function evalSeed(): Promise<void> {
  const dir = join(repoRoot, 'data', 'articles', SEED);
  const text = readFileSync(join(dir, 'article.txt'), 'utf8');
  const curated = (parseYaml(readFileSync(join(dir, 'claims.yaml'), 'utf8')) as { claims: CuratedClaim[] }).claims;
  const gaz = await loadNodeGazetteer();
  const draft = draftArticle(text, { published: SEED_PUBLISHED, slug: SEED, gazetteer: gaz });

  const locate = (c: CuratedClaim): { start: number; end: number } => {
    let at = -1;
    for (let k = 0; k < (c.occurrence ?? 1); k++) at = text.indexOf(c.quote, at + 1);
    return { start: at, end: at + c.quote.length };
  };
  const intervalOf = (d: DraftClaim): [string, string] | null => {
    if (d.when.start && d.when.end) return [d.when.start, d.when.end];
    const r = d.when.phrase ? resolvePhrase(d.when.phrase, SEED_PUBLISHED) : null;
    return r ? [r.start, r.end] : null;
  };
  let claimHits = 0;
  let kindHits = 0;
  let placeTotal = 0;
  let placeHits = 0;
  let exact = 0;
  let overlapping = 0;
  const rows: string[][] = [['curated claim', 'draft', 'kind', 'places', 'interval']];
  for (const c of curated) {
    const span = locate(c);
    const drafts = draft.claims.filter((d) => d.span.start < span.end && d.span.end > span.start);
    const want = c.places.map((p) => normPlace(p.id));
    const got = new Set(drafts.flatMap((d) => d.places.map((p) => normPlace(p.id))));
    const hit = want.filter((p) => got.has(p)).length;
    placeTotal += want.length;
    placeHits += hit;
    const cStart = isoDay(c.when.start);
    const cEnd = isoDay(c.when.end);
    const r = cStart && cEnd ? { start: cStart, end: cEnd } : c.when.phrase ? resolvePhrase(c.when.phrase, SEED_PUBLISHED) : null;
    const ints = drafts.map(intervalOf).filter((x): x is [string, string] => !!x);
    const isExact = !!r && ints.some(([s, e]) => s === r.start && e === r.end);
    const isOverlap = !!r && ints.some(([s, e]) => s < r.end && e > r.start);
    if (drafts.length > 0) claimHits++;
    if (drafts.some((d) => d.kind === c.kind)) kindHits++;
    if (isExact) exact++;
    if (isOverlap) overlapping++;
    rows.push([c.id, drafts.length ? drafts.map((d) => d.id).join(', ').slice(0, 48) : '—', drafts.some((d) => d.kind === c.kind) ? 'yes' : 'no', `${hit}/${want.length}`, isExact ? 'exact' : isOverlap ? 'overlaps' : 'no']);
  }
  console.log(`\nSeed article (${SEED}, published ${SEED_PUBLISHED}) ingested in memory: ${draft.claims.length} draft claims vs ${curated.length} curated`);
  console.log(table(rows));
  console.log(
    table([
      ['seed recall', 'value'],
      ['claims with an overlapping draft', `${claimHits}/${curated.length} = ${pct(claimHits / curated.length)}`],
      ['… of the same kind', `${kindHits}/${curated.length} = ${pct(kindHits / curated.length)}`],
      ['places (ids, over all curated claims)', `${placeHits}/${placeTotal} = ${pct(placeHits / placeTotal)}`],
      ['intervals exactly equal', `${exact}/${curated.length} = ${pct(exact / curated.length)}`],
      ['intervals overlapping', `${overlapping}/${curated.length} = ${pct(overlapping / curated.length)}`],
    ]),
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ['geovirus'], ['errors']);
  if (args.files.length > 0) throw new IngestInputError(`unexpected argument ${args.files[0]} (usage: npm run eval -- [--geovirus PATH] [--errors])`);
  const path = resolve(stringFlag(args, 'geovirus') ?? join(repoRoot, '..', 'shared', 'eval', 'geovirus', 'GeoVirus.xml'));
  await evalGeoVirus(path, args.flags.has('errors'));
  await evalDevNews(args.flags.has('errors'));
  await evalSeed();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => fail(e, 'eval'));
}
