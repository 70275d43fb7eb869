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

export function getClaimIndex(bundle: ArticleBundle): ClaimIndex {
  const hit = cache.get(bundle);
  if (hit) return hit;
  const claims = bundle.claims;
  const n = claims.length;
  const start = new Int32Array(n);
  const end = new Int32Array(n);
  const kindOf = new Uint8Array(n);
  const byId = new Map<string, number>();
  const voices: string[][] = [];
  const voiceCount = new Map<string, { count: number; isOutlet: boolean }>();
  const kindCounts = new Map<ClaimKind, number>();
  // A corpus of 100k claims spans a few hundred distinct dates: parse each once.
  const days = new Map<string, number | null>();
  const dayOf = (iso: string): number | null => {
    let d = days.get(iso);
    if (d === undefined) days.set(iso, (d = parseIsoDate(iso)));
    return d;
  };
  for (let i = 0; i < n; i++) {
    const c = claims[i]!;
    byId.set(c.id, i);
    // Validated bundles always carry real dates; a bad one degrades to a zero-length bar rather than NaN.
    const s = dayOf(c.when.start) ?? 0;
    start[i] = s;
    end[i] = dayOf(c.when.end) ?? s + 1;
    kindOf[i] = KIND_POS.get(c.kind) ?? 0;
    kindCounts.set(c.kind, (kindCounts.get(c.kind) ?? 0) + 1);
    const v = claimVoices(c);
    voices.push(v);
    for (const name of v) {
      const isOutlet = c.reportedBy.includes(name) && speakerName(c) !== name;
      const prev = voiceCount.get(name);
      if (prev) prev.count++;
      else voiceCount.set(name, { count: 1, isOutlet });
    }
  }
  const voiceCounts = [...voiceCount.entries()]
    .map(([name, v]) => ({ name, count: v.count, isOutlet: v.isOutlet }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const index: ClaimIndex = {
    claims,
    byId,
    start,
    end,
    kindOf,
    voices,
    voiceCounts,
    kindCounts,
    domain: paddedDomain(start, end),
  };
  cache.set(bundle, index);
  return index;
}
