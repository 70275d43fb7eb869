/** How a claim's people and times read in the list, the panel and tooltips. */
import type { Claim } from '../domain/types';
import { dayFromIso, formatInterval } from '../domain/time-window';

/** "Sergei Shoigu, Russian Defence Minister" / "Taliban" / null */
export function speakerLabel(claim: Claim): string | null {
  const s = claim.saidBy;
  if (!s) return null;
  const who = s.name ?? s.organisation;
  if (!who) return null;
  const role = s.role ?? (s.name && s.organisation ? s.organisation : null);
  return role ? `${who}, ${role}` : who;
}

/** "Sergei Shoigu, Russian Defence Minister → AFP" — who said it, then who reported it. */
export function attributionChain(claim: Claim): string {
  const speaker = speakerLabel(claim);
  const outlets = claim.reportedBy.length > 0 ? claim.reportedBy.join(', ') : 'the article';
  return speaker ? `${speaker} → ${outlets}` : outlets === 'the article' ? 'the article' : `unattributed → ${outlets}`;
}

/** "2–8 Aug 2021" (end shown inclusive) */
export function intervalLabel(claim: Claim): string {
  const s = dayFromIso(claim.when.start);
  const e = dayFromIso(claim.when.end);
  if (s === null || e === null) return `${claim.when.start} – ${claim.when.end}`;
  return formatInterval(s, e, claim.when.precision);
}

export const PRECISION_LABELS = {
  day: 'day',
  week: 'week',
  month: 'month',
  approximate: 'approximate',
} as const;
