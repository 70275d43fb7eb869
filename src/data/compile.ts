/**
 * The compiler core: one article's source files (article.txt, meta.yaml, claims.yaml) → an ArticleBundle,
 * or every error found, each with file:line:col, field and problem. Pure: no fs, no clock, no randomness;
 * the gazetteer is passed in, so the same function can run in the browser. Same input → same output.
 */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Node, YAMLSeq } from 'yaml';
import type { Geometry } from 'geojson';
import { arcBetween, type LonLat } from '../domain/arcs';
import { bboxOf, roundCoord } from '../domain/bounds';
import { resolvePhrase } from '../domain/dates';
import { isValidInterval, parseIsoDate } from '../domain/interval';
import { CLAIM_KINDS, PLACE_ROLES, PRECISIONS, STANCES } from '../domain/types';
import type {
  ArticleBundle,
  ArticleMeta,
  Claim,
  ClaimFeature,
  ClaimFeatureProperties,
  Magnitude,
  MarkType,
  PlaceRef,
  PlaceRole,
  Span,
  Speaker,
  When,
} from '../domain/types';
import type { Gazetteer, GazetteerPlace } from './gazetteer/types';
import { MapReader, YamlSource, sortErrors } from './yaml-source';
import type { CompileError } from './yaml-source';

export type { CompileError } from './yaml-source';
export { formatError } from './yaml-source';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,80}$/;
const CLAIM_ID = /^[a-z0-9][a-z0-9-]*$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const COORD_DECIMALS = 5;

export interface CompileInput {
  slug: string;
  text: string;
  metaYamlText: string;
  claimsYamlText: string;
  gazetteer: Gazetteer;
  /** File names used in error messages; default data/articles/<slug>/{article.txt,meta.yaml,claims.yaml}. */
  files?: { text: string; meta: string; claims: string };
}

export type CompileResult = { bundle: ArticleBundle } | { errors: CompileError[] };

// ---------------------------------------------------------------------------------------------------
// Locating exact words in the text

/** Every start offset of `needle` in `text`, overlapping occurrences included. */
export function findAll(text: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/** Typographic look-alikes folded together, only to explain a near miss (never to match). */
function fold(s: string): string {
  return s
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[\s\u00a0]+/g, ' ')
    .toLowerCase();
}

type Located = { span: Span } | { problem: string };

export function locateQuote(text: string, quote: string, occurrence: number | undefined, textFile: string): Located {
  const hits = findAll(text, quote);
  const name = textFile.split('/').pop() ?? textFile;
  if (hits.length === 0) {
    const near = fold(text).includes(fold(quote));
    return {
      problem: near
        ? `not found in ${name} exactly; it matches only if quotes, dashes, spaces or case are changed — copy the exact characters`
        : `not found in ${name}`,
    };
  }
  if (occurrence !== undefined) {
    if (occurrence > hits.length) {
      return { problem: `occurrence ${occurrence} asked for, but the quote occurs ${hits.length} time${hits.length === 1 ? '' : 's'} in ${name}` };
    }
    const start = hits[occurrence - 1]!;
    return { span: { start, end: start + quote.length } };
  }
  if (hits.length > 1) {
    return { problem: `occurs ${hits.length} times in ${name} (at offsets ${hits.join(', ')}); add occurrence: 1–${hits.length} to pick one` };
  }
  return { span: { start: hits[0]!, end: hits[0]! + quote.length } };
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

/** Where a time phrase stands in the text: the word-bounded occurrence nearest the quote (exact case first). */
export function locatePhrase(text: string, phrase: string, quote: Span): Span | null {
  const bounded = (hits: number[]): number[] =>
    hits.filter((i) => !isWordChar(text[i - 1]) && !isWordChar(text[i + phrase.length]));
  let hits = bounded(findAll(text, phrase));
  if (hits.length === 0) hits = bounded(findAll(text.toLowerCase(), phrase.toLowerCase()));
  let best: number | null = null;
  let bestDist = Infinity;
  for (const i of hits) {
    const end = i + phrase.length;
    const dist = end <= quote.start ? quote.start - end : i >= quote.end ? i - quote.end : 0;
    if (dist < bestDist) {
      bestDist = dist;
      best = i;
    }
  }
  return best === null ? null : { start: best, end: best + phrase.length };
}

const overlapsSpan = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

// ---------------------------------------------------------------------------------------------------
// meta.yaml

function readMeta(src: YamlSource, slug: string, text: string, textFile: string): ArticleMeta | undefined {
  if (!src.ok) return undefined;
  const r = MapReader.of(src, src.doc.contents, '');
  if (!r) return undefined;
  const title = r.string('title');
  const published = r.date('published');
  if (published && parseIsoDate(published.value) === null) {
    src.error(published.node, 'published', `${published.value} is not a calendar date`);
  }
  const publishedConfidence = r.oneOf('publishedConfidence', ['high', 'medium', 'low'] as const);
  const publishedEvidence = r.string('publishedEvidence');
  const outlet = r.string('outlet', { nullable: true });
  const sources = r.stringList('sources');
  const language = r.string('language', { pattern: LANGUAGE_TAG, patternHint: 'is not a BCP 47 language tag like "en"' });
  const originalLanguage = r.string('originalLanguage', { nullable: true, pattern: LANGUAGE_TAG, patternHint: 'is not a BCP 47 language tag like "cs"' });
  const translation = r.oneOf('translation', ['machine', 'human'] as const, { nullable: true });
  const url = r.string('url', { nullable: true, pattern: /^https?:\/\/[^\s]+$/, patternHint: 'is not an http(s) URL' });
  const provenanceNote = r.string('provenanceNote', { nullable: true });
  const review = r.oneOf('review', ['curated', 'draft'] as const);
  const boilerplate = readBoilerplate(r, text, textFile);
  r.rejectUnknownKeys();
  if (
    title === undefined || title === null || published === undefined || parseIsoDate(published.value) === null ||
    !publishedConfidence || publishedEvidence === undefined || publishedEvidence === null || outlet === undefined ||
    sources === undefined || language === undefined || language === null || originalLanguage === undefined ||
    translation === undefined || url === undefined || provenanceNote === undefined || !review || !boilerplate
  ) {
    return undefined;
  }
  return {
    slug,
    title,
    published: published.value,
    publishedConfidence,
    publishedEvidence,
    outlet,
    sources,
    language,
    originalLanguage,
    translation,
    url,
    provenanceNote,
    boilerplate,
    review,
  };
}

function readBoilerplate(r: MapReader, text: string, textFile: string): Span[] | undefined {
  if (!r.has('boilerplate')) {
    r.valueNode('boilerplate', false);
    return [];
  }
  const n = r.valueNode('boilerplate', false);
  if (!isSeq(n)) {
    r.src.error(n, 'boilerplate', 'must be a list of { quote } (use [] for none)');
    return undefined;
  }
  const spans: Span[] = [];
  let ok = true;
  (n as YAMLSeq).items.forEach((item, i) => {
    const b = MapReader.of(r.src, item, `boilerplate[${i}]`);
    if (!b) return void (ok = false);
    const quote = b.string('quote');
    const occurrence = b.has('occurrence') ? b.number('occurrence', { integer: true, min: 1 }) : undefined;
    b.rejectUnknownKeys();
    if (!quote) return void (ok = false);
    const loc = locateQuote(text, quote, occurrence, textFile);
    if ('problem' in loc) {
      r.src.error(b.nodeFor('quote'), b.field('quote'), loc.problem);
      ok = false;
    } else spans.push(loc.span);
  });
  return ok ? spans.sort((a, b) => a.start - b.start) : undefined;
}

// ---------------------------------------------------------------------------------------------------
// claims.yaml

interface DraftClaim {
  index: number;
  reader: MapReader;
  id: string;
  claim: Omit<Claim, 'counterClaim' | 'geometry' | 'anchor' | 'bbox'>;
  counterClaim: string | null;
  counterClaimNode: Node | null;
  drawn: { place: GazetteerPlace; role: PlaceRole }[];
}

function readSpeaker(r: MapReader): Speaker | null | undefined {
  if (!r.has('saidBy')) {
    r.valueNode('saidBy', false);
    return null;
  }
  const n = r.valueNode('saidBy', false);
  if (n === null || n === undefined || (n as { value?: unknown }).value === null) return null;
  const s = MapReader.of(r.src, n, r.field('saidBy'));
  if (!s) return undefined;
  const name = s.has('name') ? s.string('name') : null;
  const role = s.has('role') ? s.string('role', { nullable: true }) : null;
  const organisation = s.has('organisation') ? s.string('organisation') : null;
  s.rejectUnknownKeys();
  if (!s.has('name') && !s.has('organisation')) {
    r.src.error(n, r.field('saidBy'), 'needs a name or an organisation (or write saidBy: null)');
    return undefined;
  }
  if (name === undefined || role === undefined || organisation === undefined) return undefined;
  return { name, role, organisation };
}

function readMagnitude(r: MapReader): Magnitude | null | undefined {
  if (!r.has('magnitude')) return null;
  const n = r.valueNode('magnitude', false);
  if (n === null || (n as { value?: unknown }).value === null) return null;
  const m = MapReader.of(r.src, n, r.field('magnitude'));
  if (!m) return undefined;
  const value = m.number('value', { min: 0 });
  const unit = m.string('unit');
  const approximate = m.has('approximate') ? m.boolean('approximate') : false;
  m.rejectUnknownKeys();
  if (value === undefined || !unit || approximate === undefined) return undefined;
  return { value, unit, approximate };
}

function readWhen(r: MapReader, published: string | null, text: string, quote: Span | null, textFile: string): When | undefined {
  const n = r.valueNode('when', true);
  if (n === undefined) return undefined;
  const w = MapReader.of(r.src, n, r.field('when'));
  if (!w) return undefined;
  const phrase = w.string('phrase', { nullable: true });
  const explicit = w.has('start') || w.has('end') || w.has('precision') || w.has('basis');
  const start = w.has('start') || explicit ? w.date('start') : undefined;
  const end = w.has('end') || explicit ? w.date('end') : undefined;
  const precision = w.has('precision') || explicit ? w.oneOf('precision', PRECISIONS) : undefined;
  const basis = w.has('basis') || explicit ? w.string('basis') : undefined;
  w.seen.add('start').add('end').add('precision').add('basis');
  w.rejectUnknownKeys();
  if (phrase === undefined) return undefined;

  let ok = true;
  if (start && parseIsoDate(start.value) === null) {
    r.src.error(start.node, w.field('start'), `${start.value} is not a calendar date`);
    ok = false;
  }
  if (end && parseIsoDate(end.value) === null) {
    r.src.error(end.node, w.field('end'), `${end.value} is not a calendar date`);
    ok = false;
  }
  if (ok && start && end && !isValidInterval({ start: start.value, end: end.value })) {
    r.src.error(end.node, w.field('end'), `${end.value} must be after start ${start.value} (intervals are [start, end), end exclusive)`);
    ok = false;
  }

  let phraseSpan: Span | null = null;
  const textName = textFile.split('/').pop() ?? textFile;
  if (phrase !== null && quote) {
    phraseSpan = locatePhrase(text, phrase, quote);
    if (!phraseSpan) {
      r.src.error(w.nodeFor('phrase'), w.field('phrase'), `${JSON.stringify(phrase)} does not occur in ${textName} (give the article's own words, or null)`);
      ok = false;
    }
  }

  if (explicit) {
    if (!ok || !start || !end || !precision || !basis) return undefined;
    return { phrase, phraseSpan, start: start.value, end: end.value, precision, basis };
  }
  if (phrase === null) {
    r.src.error(n, w.field('phrase'), 'the article gives no time: add start, end, precision and basis');
    return undefined;
  }
  if (published === null) return undefined; // meta.yaml is broken; its own errors say why
  const resolved = resolvePhrase(phrase, published);
  if (!resolved) {
    r.src.error(w.nodeFor('phrase'), w.field('phrase'), `no date rule for ${JSON.stringify(phrase)}: add start, end, precision and basis`);
    return undefined;
  }
  if (!ok) return undefined;
  return { phrase, phraseSpan, start: resolved.start, end: resolved.end, precision: resolved.precision, basis: null };
}

function readPlaces(r: MapReader, gazetteer: Gazetteer): { refs: PlaceRef[]; drawn: DraftClaim['drawn'] } | undefined {
  const n = r.valueNode('places', true);
  if (n === undefined) return undefined;
  if (!isSeq(n)) {
    r.src.error(n, r.field('places'), 'must be a list of { id, role }');
    return undefined;
  }
  const refs: PlaceRef[] = [];
  const drawn: DraftClaim['drawn'] = [];
  const seen = new Set<string>();
  let ok = true;
  (n as YAMLSeq).items.forEach((item, j) => {
    const p = MapReader.of(r.src, item, `${r.field('places')}[${j}]`);
    if (!p) return void (ok = false);
    const id = p.string('id');
    const role = p.oneOf('role', PLACE_ROLES);
    p.rejectUnknownKeys();
    if (!id || !role) return void (ok = false);
    const found = gazetteer.lookup(id);
    if ('problem' in found) {
      r.src.error(p.nodeFor('id'), p.field('id'), found.problem);
      return void (ok = false);
    }
    const place = found.place;
    const key = `${place.id} ${role}`;
    if (seen.has(key)) {
      r.src.error(p.nodeFor('id'), p.field('id'), `${place.id} is already listed with role ${role}`);
      return void (ok = false);
    }
    seen.add(key);
    refs.push({
      id: place.id,
      name: place.name,
      kind: place.kind,
      role,
      lon: roundCoord(place.anchor[0], COORD_DECIMALS),
      lat: roundCoord(place.anchor[1], COORD_DECIMALS),
    });
    if (role !== 'participant') drawn.push({ place, role });
  });
  if (!ok) return undefined;
  const origins = drawn.filter((d) => d.role === 'origin');
  const destinations = drawn.filter((d) => d.role === 'destination');
  for (const o of origins) {
    if (destinations.some((d) => d.place.id === o.place.id)) {
      r.src.error(n, r.field('places'), `${o.place.id} is both origin and destination`);
      return undefined;
    }
  }
  if (drawn.length === 0) {
    r.src.error(n, r.field('places'), 'nothing to draw: give at least one place with role origin, destination, location or area (participants are not drawn)');
    return undefined;
  }
  return { refs, drawn };
}

function readClaim(
  src: YamlSource,
  node: unknown,
  index: number,
  ctx: { text: string; textFile: string; published: string | null; boilerplate: Span[]; gazetteer: Gazetteer },
): DraftClaim | undefined {
  const r = MapReader.of(src, node, `claims[${index}]`);
  if (!r) return undefined;
  const before = src.errors.length;
  const id = r.string('id', { pattern: CLAIM_ID, patternHint: 'must be lower-case letters, digits and hyphens' });
  const kind = r.oneOf('kind', CLAIM_KINDS);
  const summary = r.string('summary');
  const quoteText = r.string('quote');
  const occurrence = r.has('occurrence') ? r.number('occurrence', { integer: true, min: 1 }) : undefined;
  let quote: Claim['quote'] | null = null;
  if (quoteText) {
    const loc = locateQuote(ctx.text, quoteText, occurrence, ctx.textFile);
    if ('problem' in loc) r.src.error(r.nodeFor('quote'), r.field('quote'), loc.problem);
    else {
      const furniture = ctx.boilerplate.find((b) => overlapsSpan(b, loc.span));
      if (furniture) {
        r.src.error(r.nodeFor('quote'), r.field('quote'), `overlaps site boilerplate (characters ${furniture.start}–${furniture.end}); claims must come from the article itself`);
      } else quote = { text: quoteText, start: loc.span.start, end: loc.span.end };
    }
  }
  const saidBy = readSpeaker(r);
  const reportedBy = r.has('reportedBy') ? r.stringList('reportedBy') : (r.valueNode('reportedBy', false), []);
  const stance = r.oneOf('stance', STANCES);
  const counterClaim = r.has('counterClaim') ? r.string('counterClaim', { nullable: true }) : null;
  const when = readWhen(r, ctx.published, ctx.text, quote, ctx.textFile);
  const places = readPlaces(r, ctx.gazetteer);
  const actors = r.has('actors') ? r.stringList('actors') : (r.valueNode('actors', false), []);
  const magnitude = readMagnitude(r);
  const review = r.has('review') ? r.oneOf('review', ['curated', 'draft'] as const) : null;
  const confidence = r.has('confidence') ? r.number('confidence', { min: 0, max: 1 }) : null;
  const note = r.has('note') ? r.string('note', { nullable: true }) : null;
  r.rejectUnknownKeys();
  if (src.errors.length > before) return undefined;
  if (
    !id || !kind || !summary || !quote || saidBy === undefined || !reportedBy || !stance || counterClaim === undefined ||
    !when || !places || !actors || magnitude === undefined || review === undefined || confidence === undefined || note === undefined
  ) {
    return undefined;
  }
  return {
    index,
    reader: r,
    id,
    claim: {
      id,
      kind,
      summary,
      quote,
      saidBy,
      reportedBy,
      stance,
      when,
      places: places.refs,
      actors,
      magnitude,
      note,
      ...(review !== null ? { review } : {}),
      ...(confidence !== null ? { confidence } : {}),
    },
    counterClaim,
    counterClaimNode: r.has('counterClaim') ? r.nodeFor('counterClaim') : null,
    drawn: places.drawn,
  };
}

// ---------------------------------------------------------------------------------------------------
// Geometry

const roundPosition = (p: readonly number[]): number[] => p.map((v) => roundCoord(v, COORD_DECIMALS));

function roundGeometry(g: Geometry): Geometry {
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: roundPosition(g.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: g.coordinates.map(roundPosition) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(roundPosition) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(roundPosition)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((l) => l.map(roundPosition)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((l) => l.map(roundPosition))) };
    case 'GeometryCollection':
      return { type: 'GeometryCollection', geometries: g.geometries.map(roundGeometry) };
  }
}

function markOf(g: Geometry): MarkType {
  switch (g.type) {
    case 'Point':
    case 'MultiPoint':
      return 'point';
    case 'LineString':
    case 'MultiLineString':
      return 'line';
    default:
      return 'area';
  }
}

/**
 * The display geometry of a claim: an arc from every origin to every destination; every other drawn
 * place (location, area, or an origin/destination without a counterpart) as itself — polygon, border
 * line or point. Participants are not drawn.
 */
function claimGeometry(d: DraftClaim): Pick<Claim, 'geometry' | 'anchor' | 'bbox'> {
  const { id: claimId, kind, stance } = d.claim;
  const props = (mark: MarkType, placeIds: string[]): ClaimFeatureProperties => ({ claimId, mark, kind, stance, placeIds });
  const features: ClaimFeature[] = [];
  const origins = d.drawn.filter((p) => p.role === 'origin');
  const destinations = d.drawn.filter((p) => p.role === 'destination');
  const paired = origins.length > 0 && destinations.length > 0;
  for (const o of paired ? origins : []) {
    for (const t of destinations) {
      features.push({
        type: 'Feature',
        properties: props('flow', [o.place.id, t.place.id]),
        // From the rounded ends, so that the stored curve is reproducible from its first and last vertex
        // (the page receives it as those two: src/domain/compact-arcs.ts).
        geometry: roundGeometry(arcBetween(roundPosition(o.place.anchor) as LonLat, roundPosition(t.place.anchor) as LonLat)),
      });
    }
  }
  for (const p of d.drawn) {
    if (paired && (p.role === 'origin' || p.role === 'destination')) continue;
    features.push({ type: 'Feature', properties: props(markOf(p.place.geometry), [p.place.id]), geometry: roundGeometry(p.place.geometry) });
  }
  // The place a reader looks for first: where a flow goes, else the first place drawn.
  const primary = paired ? destinations[0]! : d.drawn[0]!;
  const bbox = bboxOf(features.map((f) => f.geometry)).map((v) => roundCoord(v, COORD_DECIMALS)) as Claim['bbox'];
  return {
    geometry: { type: 'FeatureCollection', features },
    anchor: [roundCoord(primary.place.anchor[0], COORD_DECIMALS), roundCoord(primary.place.anchor[1], COORD_DECIMALS)],
    bbox,
  };
}

// ---------------------------------------------------------------------------------------------------
// The whole article

export function compileArticle(input: CompileInput): CompileResult {
  const { slug, text, gazetteer } = input;
  const files = input.files ?? {
    text: `data/articles/${slug}/article.txt`,
    meta: `data/articles/${slug}/meta.yaml`,
    claims: `data/articles/${slug}/claims.yaml`,
  };
  const errors: CompileError[] = [];
  if (!SLUG_PATTERN.test(slug)) {
    errors.push({ file: files.meta, line: 1, col: 1, field: 'slug', problem: `folder name ${JSON.stringify(slug)} must match ${String(SLUG_PATTERN)}` });
  }
  if (text.trim() === '') errors.push({ file: files.text, line: 1, col: 1, field: 'text', problem: 'the article text is empty' });

  const metaSrc = new YamlSource(files.meta, input.metaYamlText);
  const meta = readMeta(metaSrc, slug, text, files.text);
  errors.push(...metaSrc.errors);

  const claimsSrc = new YamlSource(files.claims, input.claimsYamlText);
  const read = readClaims(claimsSrc, {
    text,
    textFile: files.text,
    published: meta?.published ?? null,
    boilerplate: meta?.boilerplate ?? [],
    gazetteer,
  });
  if (read) linkCounterClaims(claimsSrc, read.drafts, read.ids);
  errors.push(...claimsSrc.errors);

  if (errors.length > 0 || !meta || !read) {
    // Defensive: a failed read always records why; never return an empty failure.
    if (errors.length === 0) errors.push({ file: files.claims, line: 1, col: 1, field: '', problem: 'could not be compiled' });
    return { errors: sortErrors(errors) };
  }

  const claims: Claim[] = read.drafts.map((d) => {
    const { geometry, anchor, bbox } = claimGeometry(d);
    const { id, kind, summary, quote, saidBy, reportedBy, stance, when, places, actors, magnitude, note, review, confidence } = d.claim;
    // Key order is fixed here so that the JSON bytes are stable.
    return {
      id,
      kind,
      summary,
      quote: { text: quote.text, start: quote.start, end: quote.end },
      saidBy,
      reportedBy,
      stance,
      counterClaim: d.counterClaim,
      when: { phrase: when.phrase, phraseSpan: when.phraseSpan, start: when.start, end: when.end, precision: when.precision, basis: when.basis },
      places,
      actors,
      magnitude,
      note,
      ...(review !== undefined ? { review } : {}),
      ...(confidence !== undefined ? { confidence } : {}),
      geometry,
      anchor,
      bbox,
    };
  });

  return {
    bundle: {
      format: 1,
      article: {
        slug: meta.slug,
        title: meta.title,
        published: meta.published,
        publishedConfidence: meta.publishedConfidence,
        publishedEvidence: meta.publishedEvidence,
        outlet: meta.outlet,
        sources: meta.sources,
        language: meta.language,
        originalLanguage: meta.originalLanguage,
        translation: meta.translation,
        url: meta.url,
        provenanceNote: meta.provenanceNote,
        boilerplate: meta.boilerplate.map((b) => ({ start: b.start, end: b.end })),
        review: meta.review,
        text,
      },
      claims,
    },
  };
}

function readClaims(
  src: YamlSource,
  ctx: { text: string; textFile: string; published: string | null; boilerplate: Span[]; gazetteer: Gazetteer },
): { drafts: DraftClaim[]; ids: Set<string> } | undefined {
  if (!src.ok) return undefined;
  const top = MapReader.of(src, src.doc.contents, '');
  if (!top) return undefined;
  const list = top.valueNode('claims', true);
  top.rejectUnknownKeys();
  if (list === undefined) return undefined;
  if (!isSeq(list)) {
    src.error(list, 'claims', 'must be a list of claims');
    return undefined;
  }
  if (list.items.length === 0) {
    src.error(list, 'claims', 'lists no claims');
    return undefined;
  }
  const drafts: DraftClaim[] = [];
  // Ids are collected from every claim, valid or not, so that one run reports duplicates and dangling
  // counter-claims alongside the claims' other errors.
  const firstLine = new Map<string, number>();
  list.items.forEach((item, i) => {
    const idNode = isMap(item) ? item.get('id', true) : undefined;
    const id = isScalar(idNode) && typeof idNode.value === 'string' ? idNode.value : null;
    let duplicate = false;
    if (id !== null) {
      const first = firstLine.get(id);
      if (first !== undefined) {
        src.error(idNode as Node, `claims[${i}].id`, `duplicate id ${JSON.stringify(id)} (first at line ${first})`);
        duplicate = true;
      } else firstLine.set(id, src.pos(idNode as Node).line);
    }
    const d = readClaim(src, item, i, ctx);
    if (d && !duplicate) drafts.push(d);
  });
  return { drafts, ids: new Set(firstLine.keys()) };
}

/** counterClaim must name another claim; the pair is linked both ways unless the other names a third. */
function linkCounterClaims(src: YamlSource, drafts: DraftClaim[], ids: Set<string>): void {
  const byId = new Map(drafts.map((d) => [d.id, d]));
  for (const d of drafts) {
    if (d.counterClaim === null) continue;
    const field = d.reader.field('counterClaim');
    if (d.counterClaim === d.id) {
      src.error(d.counterClaimNode, field, 'a claim cannot be its own counter-claim');
      continue;
    }
    if (!ids.has(d.counterClaim)) {
      src.error(d.counterClaimNode, field, `no claim with id ${JSON.stringify(d.counterClaim)} in this file`);
      continue;
    }
    const other = byId.get(d.counterClaim);
    if (!other) continue; // that claim has errors of its own
    if (other.counterClaim === null) other.counterClaim = d.id;
    else if (other.counterClaim !== d.id) {
      src.error(d.counterClaimNode, field, `${JSON.stringify(other.id)} names ${JSON.stringify(other.counterClaim)} as its counter-claim, not this one`);
    }
  }
}
