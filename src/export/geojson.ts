/**
 * The claims in view as one GeoJSON FeatureCollection (RFC 7946): one Feature per claim, so the file
 * lines up row for row with the CSV. A claim's display features (several arcs for "Syria and Libya →
 * Afghanistan") become one Multi* geometry, or a GeometryCollection when it mixes marks. Longitudes are
 * brought back into [-180, 180]: the compiled arcs are unwrapped across the antimeridian for drawing,
 * and RFC 7946 §3.1.9 asks for lines crossing it to be cut there instead.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { ArticleMeta, Claim } from '../domain/types';
import { flattenClaim, type FlatClaim, type FlatValue } from './flatten';

export interface ExportContext {
  article: Pick<ArticleMeta, 'slug' | 'title' | 'published' | 'url' | 'outlet' | 'sources'>;
  /** The time window in view, [from, to) as ISO dates; null = the whole timeline. */
  window: { from: string; to: string } | null;
  /** Human-readable filters in force ("kinds: movement, exercise"). */
  filters: string[];
  /** A link that reopens this view (the share URL). */
  viewUrl: string | null;
  /** ISO timestamp of the export; passed in so the function stays pure. */
  exportedAt: string;
  /** The all-articles view: each claim's own article (slug, title, date in its row); default `article`. */
  articleOf?: ((claim: Claim) => Pick<ArticleMeta, 'slug' | 'title' | 'published' | 'url'>) | undefined;
}

export type ClaimExportProperties = FlatClaim & { marks: string | null };

export interface ClaimsFeatureCollection extends FeatureCollection<Geometry | null, ClaimExportProperties> {
  /** A foreign member (RFC 7946 §6.1): where the claims come from and which view they were taken from. */
  claimAtlas: {
    article: string;
    published: string;
    source: string;
    window: { from: string; to: string } | null;
    filters: string[];
    view: string | null;
    exportedAt: string;
    claimCount: number;
  };
}

function wrapLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}

/** Which 360° copy of the world a longitude sits in: 0 for [-180, 180), 1 for [180, 540)… */
function worldCopy(lon: number): number {
  return Math.floor((lon + 180) / 360);
}

/** Cut an unwrapped line wherever it crosses ±180°, interpolating the crossing latitude. */
export function splitAtAntimeridian(line: readonly Position[]): Position[][] {
  const parts: Position[][] = [];
  let current: Position[] = [];
  for (let i = 0; i < line.length; i++) {
    const p = line[i]!;
    const lon = p[0]!;
    const lat = p[1]!;
    if (i > 0) {
      const prev = line[i - 1]!;
      const k0 = worldCopy(prev[0]!);
      const k1 = worldCopy(lon);
      if (k0 !== k1) {
        // The boundary between the two copies, in unwrapped longitude.
        const edge = -180 + 360 * Math.max(k0, k1);
        const t = (edge - prev[0]!) / (lon - prev[0]!);
        const latAt = prev[1]! + t * (lat - prev[1]!);
        const before = k1 > k0 ? 180 : -180;
        current.push([before, latAt]);
        parts.push(current);
        current = [[-before, latAt]];
      }
    }
    current.push([wrapLon(lon) === -180 && lon > 0 ? 180 : wrapLon(lon), lat]);
  }
  if (current.length > 0) parts.push(current);
  // A vertex exactly on ±180° leaves a zero-length stub on one side: drop it.
  return parts.filter((part) => part.length >= 2 && part.some((q) => q[0] !== part[0]![0] || q[1] !== part[0]![1]));
}

function normaliseRing(ring: readonly Position[]): Position[] {
  // Area outlines come from Natural Earth already cut at the antimeridian; only a ring shifted wholesale
  // into another world copy needs moving back.
  const k = ring.length > 0 ? worldCopy(Math.min(...ring.map((p) => p[0]!))) : 0;
  return k === 0 ? ring.map((p) => [...p]) : ring.map((p) => [p[0]! - 360 * k, ...p.slice(1)]);
}

type Piece = { points: Position[] } | { lines: Position[][] } | { polygons: Position[][][] } | { other: Geometry };

function pieceOf(g: Geometry): Piece {
  switch (g.type) {
    case 'Point':
      return { points: [[wrapLon(g.coordinates[0]!), ...g.coordinates.slice(1)]] };
    case 'MultiPoint':
      return { points: g.coordinates.map((c) => [wrapLon(c[0]!), ...c.slice(1)]) };
    case 'LineString':
      return { lines: splitAtAntimeridian(g.coordinates) };
    case 'MultiLineString':
      return { lines: g.coordinates.flatMap((l) => splitAtAntimeridian(l)) };
    case 'Polygon':
      return { polygons: [g.coordinates.map(normaliseRing)] };
    case 'MultiPolygon':
      return { polygons: g.coordinates.map((poly) => poly.map(normaliseRing)) };
    default:
      return { other: g };
  }
}

function asGeometry(piece: Piece): Geometry {
  if ('points' in piece) {
    return piece.points.length === 1 ? { type: 'Point', coordinates: piece.points[0]! } : { type: 'MultiPoint', coordinates: piece.points };
  }
  if ('lines' in piece) {
    return piece.lines.length === 1
      ? { type: 'LineString', coordinates: piece.lines[0]! }
      : { type: 'MultiLineString', coordinates: piece.lines };
  }
  if ('polygons' in piece) {
    return piece.polygons.length === 1
      ? { type: 'Polygon', coordinates: piece.polygons[0]! }
      : { type: 'MultiPolygon', coordinates: piece.polygons };
  }
  return piece.other;
}

/** The claim's drawn features as one geometry (null when it draws nothing, e.g. participants only). */
export function claimGeometry(claim: Claim): Geometry | null {
  const pieces = claim.geometry.features.map((f) => pieceOf(f.geometry));
  if (pieces.length === 0) return null;
  const same = <K extends 'points' | 'lines' | 'polygons'>(key: K) => pieces.every((p) => key in p);
  if (same('points')) return asGeometry({ points: pieces.flatMap((p) => (p as { points: Position[] }).points) });
  if (same('lines')) return asGeometry({ lines: pieces.flatMap((p) => (p as { lines: Position[][] }).lines) });
  if (same('polygons')) return asGeometry({ polygons: pieces.flatMap((p) => (p as { polygons: Position[][][] }).polygons) });
  return { type: 'GeometryCollection', geometries: pieces.map(asGeometry) };
}

/** "AFP, TASS, Reuters via <outlet>" — who the words come from, for credits in every export. */
export function sourceCredit(article: ExportContext['article']): string {
  const parts: string[] = [];
  if (article.outlet) parts.push(article.outlet);
  if (article.sources.length > 0) parts.push(`citing ${article.sources.join(', ')}`);
  const who = parts.length > 0 ? parts.join(', ') : 'the article';
  return `Source: “${article.title}” (${article.published}), ${who}${article.url ? ` — ${article.url}` : ''}`;
}

export function claimsToGeoJson(claims: readonly Claim[], ctx: ExportContext): ClaimsFeatureCollection {
  const features: Feature<Geometry | null, ClaimExportProperties>[] = claims.map((claim) => {
    const marks = claim.geometry.features.map((f) => f.properties.mark);
    return {
      type: 'Feature',
      id: claim.id,
      geometry: claimGeometry(claim),
      properties: { ...flattenClaim(claim, ctx.articleOf?.(claim) ?? ctx.article), marks: marks.length > 0 ? [...new Set(marks)].join('; ') : null },
    };
  });
  return {
    type: 'FeatureCollection',
    claimAtlas: {
      article: ctx.article.title,
      published: ctx.article.published,
      source: sourceCredit(ctx.article),
      window: ctx.window,
      filters: ctx.filters,
      view: ctx.viewUrl,
      exportedAt: ctx.exportedAt,
      claimCount: claims.length,
    },
    features,
  };
}

/** Pretty enough to read, compact enough for thousands of claims: one feature per line. */
export function stringifyGeoJson(fc: ClaimsFeatureCollection): string {
  const { features, ...head } = fc;
  const lines = features.map((f) => JSON.stringify(f));
  const headJson = JSON.stringify(head, null, 1).replace(/\n}$/, '');
  return `${headJson},\n"features": [\n${lines.join(',\n')}\n]}\n`;
}

export type { FlatValue };
