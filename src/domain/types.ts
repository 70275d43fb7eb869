/**
 * The compiled claims format (public/data/articles/<slug>.json), shared by the compiler, the app,
 * ingest and the benchmark corpus generator. Pure types: no runtime code, no dependencies.
 * Dates are ISO calendar dates (YYYY-MM-DD); every interval is half-open [start, end).
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';

export const CLAIM_KINDS = [
  'movement',
  'displacement',
  'assistance',
  'deployment',
  'exercise',
  'mobilization',
  'withdrawal',
  'offensive',
  'territorial-control',
  'statement',
  'threat',
  'presence',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const STANCES = ['asserted', 'denied', 'disputed'] as const;
export type Stance = (typeof STANCES)[number];

export const PRECISIONS = ['day', 'week', 'month', 'approximate'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const PLACE_ROLES = ['origin', 'destination', 'location', 'area', 'participant'] as const;
export type PlaceRole = (typeof PLACE_ROLES)[number];

/** country: ISO 3166 alpha-3 id ("AFG"); city: "geonames:<id>"; region: "region:<slug>";
 *  border: "border:<ISO3>-<ISO3>"; site: "site:<slug>". */
export type PlaceKind = 'country' | 'city' | 'region' | 'border' | 'site';

export interface Span {
  start: number; // UTF-16 code-unit offset into article.text, inclusive
  end: number; // exclusive
}

export interface Quote extends Span {
  text: string; // === article.text.slice(start, end)
}

export interface When {
  phrase: string | null; // the article's own words ("next week"), null when the article gives none
  phraseSpan: Span | null; // where that phrase stands in article.text (null when phrase is null)
  start: string; // YYYY-MM-DD inclusive
  end: string; // YYYY-MM-DD exclusive
  precision: Precision;
  basis: string | null; // how the interval was established when not by rule from the phrase
}

export interface Speaker {
  name: string | null; // "Sergei Shoigu"
  role: string | null; // "Russian Defence Minister"
  organisation: string | null; // "Taliban", "Government of Afghanistan"
}

export interface PlaceRef {
  id: string;
  name: string;
  kind: PlaceKind;
  role: PlaceRole;
  lon: number;
  lat: number;
}

export interface Magnitude {
  value: number;
  unit: string; // "troops", "reservists", "percent of borders"
  approximate: boolean; // "hundreds of", "about"
}

/** What a display feature draws. Every feature's properties carry the claim id. */
export type MarkType = 'flow' | 'point' | 'line' | 'area';

export interface ClaimFeatureProperties {
  claimId: string;
  mark: MarkType;
  kind: ClaimKind;
  stance: Stance;
  placeIds: string[]; // [origin, destination] for a flow; [place] otherwise
}

export type ClaimFeature = Feature<Geometry, ClaimFeatureProperties>;

export interface Claim {
  id: string;
  kind: ClaimKind;
  summary: string;
  quote: Quote;
  saidBy: Speaker | null;
  reportedBy: string[]; // outlets: "AFP", "TASS", "Reuters"
  stance: Stance;
  counterClaim: string | null; // id of the claim that denies or disputes this one (linked both ways)
  when: When;
  places: PlaceRef[];
  actors: string[];
  magnitude: Magnitude | null;
  note: string | null;
  /** Display geometry: arcs origin→destination (LineString, one per pair), points for cities and sites,
   *  lines for borders, polygons for countries and regions. Participants are not drawn. */
  geometry: FeatureCollection<Geometry, ClaimFeatureProperties>;
  anchor: [number, number]; // one representative [lon, lat] (clustering, list "fly to")
  /** [west, south, east, north] of the geometry; west ≤ east always, so a box across the antimeridian
   *  has east > 180 (arc coordinates are unwrapped the same way). */
  bbox: [number, number, number, number];
  /** Present only when the source marks the claim (ingest drafts): 'draft' means not yet reviewed. */
  review?: 'curated' | 'draft';
  /** Present only for machine-drafted claims: the extractor's confidence, 0–1. */
  confidence?: number;
  /** Present only on claims of the merged "all articles" bundle (src/domain/corpus.ts): the slug of the
   *  article the claim comes from. Its quote and time-phrase offsets are into THAT article's text. */
  article?: string;
}

export interface ArticleMeta {
  slug: string;
  title: string;
  published: string; // YYYY-MM-DD: the date "today", "next week"… resolve against
  publishedConfidence: 'high' | 'medium' | 'low';
  publishedEvidence: string;
  outlet: string | null; // the publisher, when the text shows it
  sources: string[]; // wires/outlets the text cites
  language: string; // BCP 47 of the text as stored ("en")
  originalLanguage: string | null; // when the text is a translation
  translation: string | null; // "machine", "human", null
  url: string | null;
  provenanceNote: string | null; // how title, outlet, language and date were established
  boilerplate: Span[]; // site furniture (e.g. the "See also" line): no claim may come from it
  review: 'curated' | 'draft';
}

export interface Article extends ArticleMeta {
  text: string;
}

export interface ArticleBundle {
  format: 1;
  article: Article;
  claims: Claim[];
}

export interface IndexEntry {
  slug: string;
  title: string;
  published: string;
  claimCount: number;
}

export interface DataIndex {
  format: 1;
  articles: IndexEntry[];
}
