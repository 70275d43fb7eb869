import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from './app-store';
import {
  getAwaitingData,
  getDomain,
  getEffectiveWindow,
  getFiltersActive,
  getKindsPresent,
  getListClaims,
  getVisibleClaimIds,
  getVisibleClaims,
  getVisibleCount,
  getVisibleSignature,
} from './selectors';
import { getClaimIndex, ARTICLE_VOICE } from './claim-index';
import { makeBundle } from './test-fixtures/bundle';
import { dayFromIso } from '../domain/time-window';

const day = (iso: string) => dayFromIso(iso)!;

let store: AppStore;
beforeEach(() => {
  store = createAppStore();
  store.getState().setBundle(makeBundle());
});

describe('claim index', () => {
  it('derives the padded timeline domain from all intervals', () => {
    // Claims span 1 May – 9 Aug 2021 (100 days): 5 % padding = 5 days each side.
    expect(getDomain(store.getState())).toEqual({ start: day('2021-05-01') - 5, end: day('2021-08-09') + 5 });
  });

  it('lists speakers and outlets with counts, and the article itself for unattributed claims', () => {
    const index = getClaimIndex(store.getState().bundle!);
    expect(index.voiceCounts).toEqual([
      { name: 'AFP', count: 2, isOutlet: true },
      { name: 'Government of Afghanistan', count: 1, isOutlet: false },
      { name: 'Sergei Shoigu', count: 1, isOutlet: false },
      { name: ARTICLE_VOICE, count: 1, isOutlet: false },
    ]);
  });

  it('does not mutate the loaded bundle', () => {
    const bundle = makeBundle();
    const frozen = JSON.stringify(bundle);
    store.getState().setBundle(bundle);
    store.getState().setTimeWindow({ start: day('2021-07-28'), end: day('2021-07-29') });
    store.getState().setKinds(['movement']);
    getVisibleClaims(store.getState());
    expect(JSON.stringify(bundle)).toBe(frozen);
  });
});

describe('getVisibleSignature', () => {
  it('gives the visible set’s count and first and last ids, as the list of them would', () => {
    const signatureOfIds = () => {
      const ids = getVisibleClaimIds(store.getState());
      return `${ids.length}:${ids[0]}:${ids[ids.length - 1]}`;
    };
    const windows = [null, ['2021-05-31', '2021-07-01'], ['2021-07-01', '2021-07-29'], ['2021-06-01', '2021-07-01'], ['2021-05-01', '2021-08-09']];
    const seen = new Set<string>();
    for (const w of windows) {
      store.getState().setTimeWindow(w ? { start: day(w[0]!), end: day(w[1]!) } : null);
      expect(getVisibleSignature(store.getState()), String(w)).toBe(signatureOfIds());
      seen.add(getVisibleSignature(store.getState()));
    }
    store.getState().setKinds(['movement']);
    expect(getVisibleSignature(store.getState())).toBe(signatureOfIds());
    expect(seen.size).toBeGreaterThan(3);
  });
});

describe('getVisibleClaims: time window is half-open on both ends', () => {
  it('shows every claim with no window', () => {
    expect(getVisibleClaimIds(store.getState())).toHaveLength(4);
    expect(getEffectiveWindow(store.getState())).toEqual(getDomain(store.getState()));
  });

  it('excludes a claim that ends on the day the window starts', () => {
    // mobilized-may is [1 May, 1 Jun); a window starting 1 Jun must not show it.
    store.getState().setTimeWindow({ start: day('2021-06-01'), end: day('2021-07-01') });
    expect(getVisibleClaimIds(store.getState())).toEqual([]);
  });

  it('includes a claim that ends the day after the window starts', () => {
    store.getState().setTimeWindow({ start: day('2021-05-31'), end: day('2021-07-01') });
    expect(getVisibleClaimIds(store.getState())).toEqual(['mobilized-may']);
  });

  it('excludes a claim that starts on the window end, includes one starting the day before', () => {
    store.getState().setTimeWindow({ start: day('2021-07-01'), end: day('2021-07-28') });
    expect(getVisibleClaimIds(store.getState())).toEqual([]);
    store.getState().setTimeWindow({ start: day('2021-07-01'), end: day('2021-07-29') });
    expect(getVisibleClaimIds(store.getState())).toEqual(['fighters-move', 'kabul-denies']);
  });

  it('treats a window covering the whole domain as no window', () => {
    const domain = getDomain(store.getState())!;
    store.getState().setTimeWindow({ ...domain });
    expect(store.getState().timeWindow).toBeNull();
    expect(getFiltersActive(store.getState())).toBe(false);
  });

  it('clamps a window outside the domain into it', () => {
    const domain = getDomain(store.getState())!;
    store.getState().setTimeWindow({ start: domain.end + 50, end: domain.end + 60 });
    expect(store.getState().timeWindow).toEqual({ start: domain.end - 10, end: domain.end });
  });
});

describe('filters', () => {
  it('filters by kind and keeps kinds in canonical order regardless of click order', () => {
    const all = getKindsPresent(getClaimIndex(store.getState().bundle!));
    expect(all).toEqual(['movement', 'exercise', 'mobilization', 'statement']);
    store.getState().toggleKind('statement', all);
    store.getState().toggleKind('movement', all);
    expect(store.getState().kinds).toEqual(['exercise', 'mobilization']);
    expect(getVisibleClaimIds(store.getState())).toEqual(['exercise-next-week', 'mobilized-may']);
    store.getState().toggleKind('movement', all);
    store.getState().toggleKind('statement', all);
    expect(store.getState().kinds).toBeNull();
  });

  it('filters by speaker or outlet: a claim matches its speaker and every outlet reporting it', () => {
    store.getState().setBy(['AFP']);
    expect(getVisibleClaimIds(store.getState())).toEqual(['fighters-move', 'mobilized-may']);
    store.getState().setBy(['Sergei Shoigu']);
    expect(getVisibleClaimIds(store.getState())).toEqual(['fighters-move']);
    store.getState().setBy([ARTICLE_VOICE]);
    expect(getVisibleClaimIds(store.getState())).toEqual(['exercise-next-week']);
  });

  it('combines kind, speaker and time filters', () => {
    store.getState().setBy(['AFP']);
    store.getState().setKinds(['movement', 'mobilization']);
    store.getState().setTimeWindow({ start: day('2021-07-01'), end: day('2021-08-01') });
    expect(getVisibleClaimIds(store.getState())).toEqual(['fighters-move']);
  });

  it('narrows only the list with free text, accent- and case-insensitive', () => {
    store.getState().setListText('  KABUL ');
    expect(getListClaims(store.getState()).toArray().map((c) => c.id)).toEqual(['kabul-denies']);
    expect(getVisibleClaimIds(store.getState())).toHaveLength(4);
    store.getState().setListText('tajíkistan reservists');
    expect(getListClaims(store.getState()).toArray().map((c) => c.id)).toEqual(['mobilized-may']);
  });

  it('holds the list as rows of the bundle: length, at, slice and the row of an id agree with the visible claims', () => {
    store.getState().setTimeWindow({ start: day('2021-07-01'), end: day('2021-08-01') });
    const visible = getVisibleClaims(store.getState());
    const rows = getListClaims(store.getState());
    expect(getVisibleCount(store.getState())).toBe(visible.length);
    expect(rows.length).toBe(visible.length);
    expect(visible.length).toBeGreaterThan(1);
    expect(rows.toArray()).toEqual(visible);
    expect(rows.slice(1, 99)).toEqual(visible.slice(1));
    visible.forEach((c, k) => {
      expect(rows.at(k)).toBe(c);
      expect(rows.indexOfId(c.id)).toBe(k);
    });
    const hidden = store.getState().bundle!.claims.find((c) => !visible.includes(c))!;
    expect(rows.indexOfId(hidden.id)).toBe(-1);
    expect(rows.indexOfId('no-such-claim')).toBe(-1);
    expect(rows.at(visible.length)).toBeUndefined();
    expect(rows.at(-1)).toBeUndefined();
    // Narrowed by text, the rows are the matching claims only, and the same object until something changes.
    store.getState().setListText('kabul');
    const narrowed = getListClaims(store.getState());
    expect(narrowed.toArray().map((c) => c.id)).toEqual(visible.filter((c) => /kabul/i.test(c.summary + c.quote.text)).map((c) => c.id));
    expect(narrowed.length).toBeGreaterThan(0);
    expect(narrowed.length).toBeLessThan(visible.length);
    expect(getListClaims(store.getState())).toBe(narrowed);
    expect(getVisibleCount(store.getState())).toBe(visible.length);
  });

  it('reset restores every default', () => {
    store.getState().setBy(['AFP']);
    store.getState().setKinds([]);
    store.getState().setListText('x');
    store.getState().setTimeWindow({ start: day('2021-07-01'), end: day('2021-08-01') });
    expect(getVisibleClaimIds(store.getState())).toEqual([]);
    store.getState().resetFilters();
    expect(getVisibleClaimIds(store.getState())).toHaveLength(4);
    expect(getFiltersActive(store.getState())).toBe(false);
  });

  it('memoises: same inputs give the same array object', () => {
    const a = getVisibleClaims(store.getState());
    store.getState().setHovered('kabul-denies');
    expect(getVisibleClaims(store.getState())).toBe(a);
    store.getState().setKinds(['movement']);
    expect(getVisibleClaims(store.getState())).not.toBe(a);
  });
});

describe('selection and play', () => {
  it('selects only claims that exist and shows the Detail tab', () => {
    store.getState().select('nope', 'url');
    expect(store.getState().selectedId).toBeNull();
    store.getState().select('kabul-denies', 'map');
    expect(store.getState().selectedId).toBe('kabul-denies');
    expect(store.getState().sheetTab).toBe('detail');
    store.getState().select(null, 'panel');
    expect(store.getState().sheetTab).toBe('claims');
  });

  it('play starts with a narrow window at the domain start and advances to the end, then stops', () => {
    const domain = getDomain(store.getState())!;
    store.getState().setPlaying(true);
    const first = store.getState().timeWindow!;
    expect(first.start).toBe(domain.start);
    expect(first.end - first.start).toBe(Math.round((domain.end - domain.start) / 8));
    let steps = 0;
    while (store.getState().playing && steps < 1000) {
      store.getState().playStep();
      steps++;
    }
    expect(store.getState().playing).toBe(false);
    expect(store.getState().timeWindow!.end).toBe(domain.end);
    expect(steps).toBeGreaterThan(10);
  });

  it('loading another bundle clears selection, window and playback', () => {
    store.getState().select('kabul-denies', 'map');
    store.getState().setTimeWindow({ start: day('2021-07-01'), end: day('2021-08-01') });
    store.getState().setBundle(makeBundle());
    expect(store.getState().selectedId).toBeNull();
    expect(store.getState().timeWindow).toBeNull();
  });
});

describe('speaker/outlet facet', () => {
  it('ticking names narrows to them; unticking the last one shows everyone again', () => {
    store.getState().toggleBy('Sergei Shoigu');
    expect(store.getState().by).toEqual(['Sergei Shoigu']);
    store.getState().toggleBy('Government of Afghanistan');
    expect(getVisibleClaimIds(store.getState())).toEqual(['fighters-move', 'kabul-denies']);
    store.getState().toggleBy('Sergei Shoigu');
    store.getState().toggleBy('Government of Afghanistan');
    expect(store.getState().by).toBeNull();
    expect(getVisibleClaimIds(store.getState())).toHaveLength(4);
  });
});

describe('awaiting data', () => {
  it('holds from the start of a load until the first bundle is shown, and not after a failed load', () => {
    const fresh = createAppStore();
    expect(getAwaitingData(fresh.getState())).toBe(false);
    fresh.getState().startLoading();
    expect(getAwaitingData(fresh.getState())).toBe(true);
    fresh.getState().setBundle(makeBundle());
    expect(getAwaitingData(fresh.getState())).toBe(false);
    const failed = createAppStore();
    failed.getState().startLoading();
    failed.getState().setLoadError({ file: 'data/index.json', message: 'HTTP 404' });
    expect(getAwaitingData(failed.getState())).toBe(false);
  });
});
