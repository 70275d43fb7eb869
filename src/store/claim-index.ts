/**
 * Lookup tables derived once per loaded bundle: claim positions, interval day numbers as typed arrays (so a
 * time-window step is a tight loop over numbers, not date strings), who said or reported each claim, and the
 * timeline domain. Built from the bundle without mutating it; cached per bundle object.
 */
import { parseIsoDate } from '../domain/interval';
import { paddedDomain, type DayWindow } from '../domain/time-window';
import { CLAIM_KINDS, type ArticleBundle, type Claim, type ClaimKind } from '../domain/types';

/** The name shown for claims with neither a speaker nor a cited outlet: the article itself says it. */
export const ARTICLE_VOICE = 'the article';

export interface ClaimIndex {
  claims: readonly Claim[];
  byId: ReadonlyMap<string, number>;
  start: Int32Array; // day numbers, parallel to claims
  end: Int32Array;
  kindOf: Uint8Array; // index into CLAIM_KINDS
  /** Names a claim can be filtered by: its speaker (person or organisation) and every outlet reporting it. */
  voices: readonly (readonly string[])[];
  /** Speakers and outlets with how many claims each, most frequent first. */
  voiceCounts: readonly { name: string; count: number; isOutlet: boolean }[];
  kindCounts: ReadonlyMap<ClaimKind, number>;
  domain: DayWindow | null;
}

export function speakerName(claim: Claim): string | null {
  const s = claim.saidBy;
  if (!s) return null;
  return s.name ?? s.organisation ?? null;
}

export function claimVoices(claim: Claim): string[] {
  const out: string[] = [];
  const speaker = speakerName(claim);
  if (speaker) out.push(speaker);
  for (const o of claim.reportedBy) if (!out.includes(o)) out.push(o);
  if (out.length === 0) out.push(ARTICLE_VOICE);
  return out;
}

const KIND_POS = new Map<ClaimKind, number>(CLAIM_KINDS.map((k, i) => [k, i]));
const cache = new WeakMap<ArticleBundle, ClaimIndex>();

/** The per-claim half of an index for a run of claims (one article's, say); assembleClaimIndex joins runs. */
export interface ClaimIndexPart {
  claims: readonly Claim[];
  start: Int32Array;
  end: Int32Array;
  kindOf: Uint8Array;
  voices: string[][];
  /** Speakers and outlets of this run, in order of first appearance. */
  voiceCount: Map<string, { count: number; isOutlet: boolean }>;
}

// A corpus of 100k claims spans a few hundred distinct dates: parse each once. Bounded: a speed-up only.
const days = new Map<string, number | null>();
function dayOf(iso: string): number | null {
  let d = days.get(iso);
  if (d === undefined) {
    if (days.size > 20_000) days.clear();
    days.set(iso, (d = parseIsoDate(iso)));
  }
  return d;
}

export function indexPart(claims: readonly Claim[]): ClaimIndexPart {
  const n = claims.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const kindOf = new Uint8Array(n);
  const voices: string[][] = new Array<string[]>(n);
  const voiceCount = new Map<string, { count: number; isOutlet: boolean }>();
  for (let i = 0; i < n; i++) {
    const c = claims[i]!;
    // Validated bundles always carry real dates; a bad one degrades to a zero-length bar rather than NaN.
    const s = dayOf(c.when.start) ?? 0;
    start[i] = s;
    end[i] = dayOf(c.when.end) ?? s + 1;
    kindOf[i] = KIND_POS.get(c.kind) ?? 0;
    const v = claimVoices(c);
    voices[i] = v;
    for (const name of v) {
      const prev = voiceCount.get(name);
      if (prev) prev.count++;
      else voiceCount.set(name, { count: 1, isOutlet: c.reportedBy.includes(name) && speakerName(c) !== name });
    }
  }
  return { claims, start, end, kindOf, voices, voiceCount };
}

/**
 * The index of `bundle` from parts made over consecutive runs of its claims (in order, covering them
 * all), remembered for getClaimIndex. Lets a loader index each article as it arrives and only join here.
 */
export function assembleClaimIndex(bundle: ArticleBundle, parts: readonly ClaimIndexPart[]): ClaimIndex {
  const claims = bundle.claims;
  const n = claims.length;
  let covered = 0;
  for (const p of parts) covered += p.claims.length;
  if (covered !== n) throw new Error(`claim index parts cover ${covered} claims, the bundle holds ${n}`);
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const kindOf = new Uint8Array(n);
  const voices: (readonly string[])[] = new Array<readonly string[]>(n);
  const voiceCount = new Map<string, { count: number; isOutlet: boolean }>();
  let at = 0;
  for (const p of parts) {
    start.set(p.start, at);
    end.set(p.end, at);
    kindOf.set(p.kindOf, at);
    for (let i = 0; i < p.voices.length; i++) voices[at + i] = p.voices[i]!;
    for (const [name, v] of p.voiceCount) {
      const prev = voiceCount.get(name);
      if (prev) prev.count += v.count;
      else voiceCount.set(name, { count: v.count, isOutlet: v.isOutlet });
    }
    at += p.claims.length;
  }
  const byId = new Map<string, number>();
  const kindCounts = new Map<ClaimKind, number>();
  for (let i = 0; i < n; i++) {
    const c = claims[i]!;
    byId.set(c.id, i);
    kindCounts.set(c.kind, (kindCounts.get(c.kind) ?? 0) + 1);
  }
  const voiceCounts = [...voiceCount.entries()]
    .map(([name, v]) => ({ name, count: v.count, isOutlet: v.isOutlet }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const index: ClaimIndex = { claims, byId, start, end, kindOf, voices, voiceCounts, kindCounts, domain: paddedDomain(start, end) };
  cache.set(bundle, index);
  return index;
}

export function getClaimIndex(bundle: ArticleBundle): ClaimIndex {
  return cache.get(bundle) ?? assembleClaimIndex(bundle, [indexPart(bundle.claims)]);
}
