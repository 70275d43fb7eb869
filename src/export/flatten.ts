/**
 * One claim as one flat record of scalars: the shared row of the CSV export and the properties of the
 * GeoJSON export, so both files describe a claim with the same column names. Lists become "; "-joined
 * text (spreadsheets and GIS attribute tables hold scalars only); places are also split by role so an
 * analyst can filter on "origin" or "destination" without parsing; dates are given both as the compiled
 * half-open interval and as the last day inside it, the way a reader would say it.
 */
import { addDays } from '../domain/interval';
import { PLACE_ROLES, type ArticleMeta, type Claim, type PlaceRole } from '../domain/types';

export type FlatValue = string | number | boolean | null;

/** Column order of the export, fixed so files from two sessions diff cleanly. */
export const CLAIM_COLUMNS = [
  'id',
  'kind',
  'stance',
  'summary',
  'quote',
  'quote_start',
  'quote_end',
  'said_by_name',
  'said_by_role',
  'said_by_organisation',
  'reported_by',
  'when_phrase',
  'when_start',
  'when_end_exclusive',
  'when_last_day',
  'when_precision',
  'when_basis',
  'places',
  'place_ids',
  ...PLACE_ROLES.map((r) => `${r}_places` as const),
  'anchor_lon',
  'anchor_lat',
  'actors',
  'magnitude_value',
  'magnitude_unit',
  'magnitude_approximate',
  'counter_claim',
  'note',
  'review',
  'confidence',
  'article_slug',
  'article_title',
  'article_published',
  'article_url',
] as const;

export type ClaimColumn = (typeof CLAIM_COLUMNS)[number];
export type FlatClaim = Record<ClaimColumn, FlatValue>;

const LIST_SEPARATOR = '; ';

function joinList(values: readonly string[]): string | null {
  return values.length > 0 ? values.join(LIST_SEPARATOR) : null;
}

function lastDay(start: string, end: string): string | null {
  try {
    const last = addDays(end, -1);
    return last < start ? start : last;
  } catch {
    return null; // a date that did not validate: leave the cell empty rather than invent one
  }
}

export function flattenClaim(claim: Claim, article: Pick<ArticleMeta, 'slug' | 'title' | 'published' | 'url'>): FlatClaim {
  const byRole = (role: PlaceRole) => joinList(claim.places.filter((p) => p.role === role).map((p) => p.name));
  const roleColumns = Object.fromEntries(PLACE_ROLES.map((r) => [`${r}_places`, byRole(r)])) as Record<
    `${PlaceRole}_places`,
    string | null
  >;
  return {
    id: claim.id,
    kind: claim.kind,
    stance: claim.stance,
    summary: claim.summary,
    quote: claim.quote.text,
    quote_start: claim.quote.start,
    quote_end: claim.quote.end,
    said_by_name: claim.saidBy?.name ?? null,
    said_by_role: claim.saidBy?.role ?? null,
    said_by_organisation: claim.saidBy?.organisation ?? null,
    reported_by: joinList(claim.reportedBy),
    when_phrase: claim.when.phrase,
    when_start: claim.when.start,
    when_end_exclusive: claim.when.end,
    when_last_day: lastDay(claim.when.start, claim.when.end),
    when_precision: claim.when.precision,
    when_basis: claim.when.basis,
    places: joinList(claim.places.map((p) => `${p.name} (${p.role})`)),
    place_ids: joinList(claim.places.map((p) => p.id)),
    ...roleColumns,
    anchor_lon: claim.anchor[0],
    anchor_lat: claim.anchor[1],
    actors: joinList(claim.actors),
    magnitude_value: claim.magnitude?.value ?? null,
    magnitude_unit: claim.magnitude?.unit ?? null,
    magnitude_approximate: claim.magnitude ? claim.magnitude.approximate : null,
    counter_claim: claim.counterClaim,
    note: claim.note,
    review: claim.review ?? null,
    confidence: claim.confidence ?? null,
    article_slug: article.slug,
    article_title: article.title,
    article_published: article.published,
    article_url: article.url,
  };
}

/** "claims-<slug>-2021-07-28_2021-08-04" — names a file after what it holds. */
export function exportFileStem(slug: string, window: { from: string; to: string } | null): string {
  const safe = slug.replace(/[^a-z0-9-]/gi, '').slice(0, 80) || 'article';
  return window ? `claims-${safe}-${window.from}_${window.to}` : `claims-${safe}`;
}
