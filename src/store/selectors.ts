/**
 * Derived state. Each `getX` is memoised on the identity of the inputs it reads, so React components and
 * the map subscription can call them on every store change for free. Inputs are never mutated.
 */
import { CLAIM_KINDS, type Claim, type ClaimKind } from '../domain/types';
import { overlapsWindow, type DayWindow } from '../domain/time-window';
import type { AppState } from './app-store';
import { getClaimIndex, type ClaimIndex } from './claim-index';

function memo<A extends readonly unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let lastArgs: A | null = null;
  let last: R;
  return (...args: A) => {
    if (lastArgs && lastArgs.length === args.length && lastArgs.every((v, i) => v === args[i])) return last;
    last = fn(...args);
    lastArgs = args;
    return last;
  };
}

export function getIndex(state: AppState): ClaimIndex | null {
  return state.bundle ? getClaimIndex(state.bundle) : null;
}

export function getDomain(state: AppState): DayWindow | null {
  return getIndex(state)?.domain ?? null;
}

/** The window in effect: the chosen one, else the whole domain. */
export function getEffectiveWindow(state: AppState): DayWindow | null {
  return state.timeWindow ?? getDomain(state);
}

/** Kinds present in the article, in the canonical order. */
export const getKindsPresent = memo((index: ClaimIndex | null): ClaimKind[] =>
  index ? CLAIM_KINDS.filter((k) => index.kindCounts.has(k)) : [],
);

function maskOf(
  index: ClaimIndex | null,
  kinds: readonly ClaimKind[] | null,
  by: readonly string[] | null,
  win: DayWindow | null,
): Uint8Array {
  if (!index) return new Uint8Array(0);
  const n = index.claims.length;
  const mask = new Uint8Array(n);
  const kindOk = new Uint8Array(CLAIM_KINDS.length).fill(kinds ? 0 : 1);
  if (kinds) for (const k of kinds) kindOk[CLAIM_KINDS.indexOf(k)] = 1;
  const bySet = by ? new Set(by) : null;
  const { start, end, kindOf, voices } = index;
  for (let i = 0; i < n; i++) {
    if (!kindOk[kindOf[i]!]) continue;
    if (win && !overlapsWindow(start[i]!, end[i]!, win)) continue;
    if (bySet && !voices[i]!.some((v) => bySet.has(v))) continue;
    mask[i] = 1;
  }
  return mask;
}
const computeMask = memo(maskOf);
const computeFilterMask = memo(maskOf);

/** 1 for each claim that passes the kind and speaker/outlet filters, whatever the time window. */
export function getFilterMask(state: AppState): Uint8Array {
  return computeFilterMask(getIndex(state), state.kinds, state.by, null);
}

/** 1 for each claim (by position in the bundle) that passes kind, speaker/outlet and time filters. */
export function getVisibleMask(state: AppState): Uint8Array {
  return computeMask(getIndex(state), state.kinds, state.by, state.timeWindow);
}

const collectVisible = memo((index: ClaimIndex | null, mask: Uint8Array): Claim[] => {
  if (!index) return [];
  const out: Claim[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) out.push(index.claims[i]!);
  return out;
});

export function getVisibleClaims(state: AppState): Claim[] {
  return collectVisible(getIndex(state), getVisibleMask(state));
}

const collectIds = memo((claims: Claim[]): string[] => claims.map((c) => c.id));

export function getVisibleClaimIds(state: AppState): string[] {
  return collectIds(getVisibleClaims(state));
}

const collectIdSet = memo((claims: Claim[]): ReadonlySet<string> => new Set(claims.map((c) => c.id)));

export function getVisibleIdSet(state: AppState): ReadonlySet<string> {
  return collectIdSet(getVisibleClaims(state));
}

function normalise(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const filterList = memo((claims: Claim[], text: string): Claim[] => {
  const q = normalise(text.trim());
  if (!q) return claims;
  const words = q.split(/\s+/);
  return claims.filter((c) => {
    const hay = normalise(
      [c.summary, c.quote.text, c.kind, c.saidBy?.name, c.saidBy?.organisation, ...c.reportedBy, ...c.places.map((p) => p.name), ...c.actors]
        .filter(Boolean)
        .join(' '),
    );
    return words.every((w) => hay.includes(w));
  });
});

/** Visible claims narrowed by the list's text box. */
export function getListClaims(state: AppState): Claim[] {
  return filterList(getVisibleClaims(state), state.listText);
}

export function getClaimById(state: AppState, id: string | null): Claim | null {
  if (id === null) return null;
  const index = getIndex(state);
  const i = index?.byId.get(id);
  return i === undefined || !index ? null : (index.claims[i] ?? null);
}

export function getSelectedClaim(state: AppState): Claim | null {
  return getClaimById(state, state.selectedId);
}

/** Whether any filter differs from its default (drives the Reset button). */
export function getFiltersActive(state: AppState): boolean {
  return state.kinds !== null || state.by !== null || state.timeWindow !== null || state.listText !== '';
}
