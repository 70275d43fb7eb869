/**
 * Validation of compiled data at the app's boundary (public/data/*.json). parseBundle / parseIndex
 * return typed data or throw an Error whose message lists each problem as `path: problem`, e.g.
 * "article bundle is invalid:\n  claims[3].quote.text: is not article.text[120, 160)".
 * Beyond shapes, the bundle's promises are checked: every quote is the exact slice of the text it
 * points to, intervals are real and non-empty, counter-claims exist and point back.
 */
import { z } from 'zod';
import type { ArticleBundle, DataIndex } from '../domain/types';
import { CLAIM_KINDS, PLACE_ROLES, PRECISIONS, STANCES } from '../domain/types';
import { CLAIM_ID_PATTERN, MARK_TYPES, PLACE_KINDS, SLUG_PATTERN, isValidBundle } from './bundle-check';

const isoDate = z.iso.date();
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const lonLat = z.tuple([finite, finite]);
const position = z.array(finite).min(2).max(3);
const span = z.object({ start: z.number().int().min(0), end: z.number().int().min(0) }).refine((s) => s.end >= s.start, 'end before start');

const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position).min(2)).min(1) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position).min(4)).min(1) }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(position).min(4)).min(1)).min(1) }),
]);

const featureProperties = z.object({
  claimId: z.string(),
  mark: z.enum(MARK_TYPES),
  kind: z.enum(CLAIM_KINDS),
  stance: z.enum(STANCES),
  placeIds: z.array(z.string()).min(1),
});

const claim = z.object({
  id: z.string().regex(CLAIM_ID_PATTERN),
  kind: z.enum(CLAIM_KINDS),
  summary: z.string().min(1),
  quote: z.object({ text: z.string().min(1), start: z.number().int().min(0), end: z.number().int().min(0) }),
  saidBy: z.object({ name: z.string().nullable(), role: z.string().nullable(), organisation: z.string().nullable() }).nullable(),
  reportedBy: z.array(z.string()),
  stance: z.enum(STANCES),
  counterClaim: z.string().nullable(),
  when: z.object({
    phrase: z.string().nullable(),
    phraseSpan: span.nullable(),
    start: isoDate,
    end: isoDate,
    precision: z.enum(PRECISIONS),
    basis: z.string().nullable(),
  }),
  places: z.array(
    z.object({
      id: z.string().min(1),
      name: z.string().min(1),
      kind: z.enum(PLACE_KINDS),
      role: z.enum(PLACE_ROLES),
      lon: finite,
      lat: finite,
    }),
  ),
  actors: z.array(z.string()),
  magnitude: z.object({ value: finite, unit: z.string().min(1), approximate: z.boolean() }).nullable(),
  note: z.string().nullable(),
  review: z.enum(['curated', 'draft']).optional(),
  confidence: z.number().min(0).max(1).optional(),
  geometry: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({ type: z.literal('Feature'), properties: featureProperties, geometry })).min(1),
  }),
  anchor: lonLat,
  bbox: z.tuple([finite, finite, finite, finite]),
});

const article = z.object({
  slug: z.string().regex(SLUG_PATTERN),
  title: z.string().min(1),
  published: isoDate,
  publishedConfidence: z.enum(['high', 'medium', 'low']),
  publishedEvidence: z.string(),
  outlet: z.string().nullable(),
  sources: z.array(z.string()),
  language: z.string().min(2),
  originalLanguage: z.string().nullable(),
  translation: z.string().nullable(),
  url: z.string().nullable(),
  provenanceNote: z.string().nullable(),
  boilerplate: z.array(span),
  review: z.enum(['curated', 'draft']),
  text: z.string().min(1),
});

const bundleSchema = z
  .object({ format: z.literal(1), article, claims: z.array(claim) })
  .superRefine((b, ctx) => {
    const text = b.article.text;
    const ids = new Map<string, number>();
    b.article.boilerplate.forEach((s, i) => {
      if (s.end > text.length) ctx.addIssue({ code: 'custom', path: ['article', 'boilerplate', i], message: 'lies outside article.text' });
    });
    b.claims.forEach((c, i) => {
      const at = (...p: (string | number)[]) => ['claims', i, ...p];
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: at('id'), message: `duplicate id (also claims[${ids.get(c.id)}])` });
      ids.set(c.id, i);
      if (text.slice(c.quote.start, c.quote.end) !== c.quote.text) {
        ctx.addIssue({ code: 'custom', path: at('quote', 'text'), message: `is not article.text[${c.quote.start}, ${c.quote.end})` });
      }
      if (!(c.when.start < c.when.end)) ctx.addIssue({ code: 'custom', path: at('when', 'end'), message: 'must be after when.start' });
      const ps = c.when.phraseSpan;
      if ((c.when.phrase === null) !== (ps === null)) {
        ctx.addIssue({ code: 'custom', path: at('when', 'phraseSpan'), message: 'must be null exactly when phrase is null' });
      } else if (ps && c.when.phrase !== null && text.slice(ps.start, ps.end).toLowerCase() !== c.when.phrase.toLowerCase()) {
        ctx.addIssue({ code: 'custom', path: at('when', 'phraseSpan'), message: `is not where ${JSON.stringify(c.when.phrase)} stands in article.text` });
      }
      c.geometry.features.forEach((f, j) => {
        if (f.properties.claimId !== c.id) {
          ctx.addIssue({ code: 'custom', path: at('geometry', 'features', j, 'properties', 'claimId'), message: `must be ${JSON.stringify(c.id)}` });
        }
      });
    });
    b.claims.forEach((c, i) => {
      if (c.counterClaim === null) return;
      const j = ids.get(c.counterClaim);
      if (j === undefined) {
        ctx.addIssue({ code: 'custom', path: ['claims', i, 'counterClaim'], message: `no claim with id ${JSON.stringify(c.counterClaim)}` });
      } else if (b.claims[j]!.counterClaim !== c.id) {
        ctx.addIssue({ code: 'custom', path: ['claims', i, 'counterClaim'], message: `${JSON.stringify(c.counterClaim)} does not link back` });
      }
    });
  });

const indexSchema = z
  .object({
    format: z.literal(1),
    articles: z.array(
      z.object({
        slug: z.string().regex(SLUG_PATTERN),
        title: z.string().min(1),
        published: isoDate,
        claimCount: z.number().int().min(0),
      }),
    ),
  })
  .superRefine((idx, ctx) => {
    const seen = new Set<string>();
    idx.articles.forEach((a, i) => {
      if (seen.has(a.slug)) ctx.addIssue({ code: 'custom', path: ['articles', i, 'slug'], message: 'duplicate slug' });
      seen.add(a.slug);
    });
  });

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out || '(root)';
}

const MAX_LISTED = 12;
const MAX_LINE = 300;

function fail(what: string, error: z.ZodError): never {
  // Messages echo values from the file (ids, phrases); a hostile file must not make the error unreadable.
  const clip = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
  const lines = error.issues.slice(0, MAX_LISTED).map((i) => clip(`  ${pathText(i.path)}: ${i.message}`));
  if (error.issues.length > MAX_LISTED) lines.push(`  … and ${error.issues.length - MAX_LISTED} more`);
  throw new Error(`${what} is invalid:\n${lines.join('\n')}`);
}

export function parseBundle(json: unknown): ArticleBundle {
  // The fast check accepts only what the schema accepts (bundle-check.test.ts); anything it doubts goes to
  // zod, which decides and words the problem. Accepted as is, so keys the schema does not know are kept
  // (nothing reads them); zod's own result drops them.
  if (isValidBundle(json)) return json as ArticleBundle;
  const r = bundleSchema.safeParse(json);
  if (!r.success) fail('article bundle', r.error);
  return r.data as ArticleBundle;
}

/** The schema's own verdict, without the fast check (for the tests that hold the two to agreement). */
export function schemaAcceptsBundle(json: unknown): boolean {
  return bundleSchema.safeParse(json).success;
}

export function parseIndex(json: unknown): DataIndex {
  const r = indexSchema.safeParse(json);
  if (!r.success) fail('data index', r.error);
  return r.data;
}
