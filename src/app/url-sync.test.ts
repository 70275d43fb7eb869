import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from '../store/app-store';
import { getVisibleClaimIds, getVisibleMask } from '../store/selectors';
import { parseUrlState, serializeUrlState } from '../store/url-state';
import { makeBundle } from '../store/test-fixtures/bundle';
import { dayFromIso } from '../domain/time-window';
import { applyUrlState, openingFilters, urlStateFromStore } from './url-sync';

let store: AppStore;
beforeEach(() => {
  store = createAppStore();
  store.getState().setBundle(makeBundle());
});

const apply = (query: string) => {
  const { state, notices } = parseUrlState(query);
  for (const n of notices) store.getState().addNotice(n);
  applyUrlState(store, state);
};

describe('applyUrlState', () => {
  it('restores claim, window, kinds, speakers and view from a shared link', () => {
    apply('?claim=kabul-denies&from=2021-07-01&to=2021-08-01&kinds=statement,movement&by=Government%20of%20Afghanistan&map=5.00/34.5/69.2');
    const st = store.getState();
    expect(st.selectedId).toBe('kabul-denies');
    expect(st.timeWindow).toEqual({ start: dayFromIso('2021-07-01'), end: dayFromIso('2021-08-01') });
    expect(getVisibleClaimIds(st)).toEqual(['kabul-denies']);
    expect(st.cameraRequest?.target).toEqual({ type: 'view', view: { zoom: 5, lat: 34.5, lon: 69.2 } });
    expect(st.cameraRequest?.animate).toBe(false);
    expect(st.notices).toEqual([]);
  });

  it('fits all claims when the link has no view', () => {
    apply('');
    expect(store.getState().cameraRequest?.target).toEqual({ type: 'fit-all' });
  });

  it('drops a well-formed but unknown claim id with a notice', () => {
    apply('?claim=no-such-claim');
    expect(store.getState().selectedId).toBeNull();
    expect(store.getState().notices.map((n) => n.text)).toEqual(['This article has no claim "no-such-claim"; none is selected.']);
  });

  it('drops speakers the article does not have, keeping the ones it has', () => {
    apply('?by=Nobody,AFP');
    expect(store.getState().by).toEqual(['AFP']);
    expect(store.getState().notices[0]!.text).toMatch(/"Nobody"/);
    apply('?by=Nobody');
    expect(store.getState().by).toBeNull();
  });

  it('ignores a window entirely outside the article’s dates', () => {
    apply('?from=1999-01-01&to=1999-02-01');
    expect(store.getState().timeWindow).toBeNull();
    expect(store.getState().notices[0]!.text).toMatch(/outside this article's dates/);
    expect(getVisibleClaimIds(store.getState())).toHaveLength(4);
  });

  it('accepts an open-ended window', () => {
    apply('?from=2021-07-28');
    expect(getVisibleClaimIds(store.getState())).toEqual(['fighters-move', 'kabul-denies', 'exercise-next-week']);
  });
});

describe('openingFilters', () => {
  it('sets a link\'s window, kinds and speakers in the same change as the article: no subscriber sees the article unfiltered', () => {
    const fresh = createAppStore();
    const bundle = makeBundle();
    const seen: number[] = [];
    // What the map counts and tiles: the visible claims each time the article or its filters change.
    fresh.subscribe(getVisibleMask, (mask) => seen.push(mask.reduce((n, v) => n + v, 0)));
    const notices: string[] = [];
    const { state } = parseUrlState('?from=2021-07-01&to=2021-08-01&kinds=statement,movement&by=Government%20of%20Afghanistan');
    fresh.getState().setBundle(bundle, openingFilters(state, (text) => notices.push(text)));
    expect(seen).toEqual([1]);
    expect(getVisibleClaimIds(fresh.getState())).toEqual(['kabul-denies']);
    expect(notices).toEqual([]);
    // The rest of the link leaves those filters as they are.
    applyUrlState(fresh, state, { filtersSet: true });
    expect(seen).toEqual([1]);
  });

  it('drops a window outside the article\'s dates and unknown speakers, saying so', () => {
    const fresh = createAppStore();
    const notices: string[] = [];
    const { state } = parseUrlState('?from=1990-01-01&to=1990-02-01&by=Nobody%20Known');
    fresh.getState().setBundle(makeBundle(), openingFilters(state, (text) => notices.push(text)));
    expect(fresh.getState().timeWindow).toBeNull();
    expect(fresh.getState().by).toBeNull();
    expect(notices).toEqual([
      'No claim in this article is said or reported by "Nobody Known"; that filter was dropped.',
      "The time window 1990-01-01 – 1990-02-01 lies outside this article's dates; showing the whole timeline.",
    ]);
  });
});

describe('urlStateFromStore', () => {
  it('writes back what a link restored (round trip through the store)', () => {
    const query = '?a=fixture-article&claim=kabul-denies&from=2021-07-01&to=2021-08-01&kinds=movement,statement&by=AFP';
    apply(query);
    expect(serializeUrlState(urlStateFromStore(store.getState(), null))).toBe(query);
  });

  it('leaves defaults out of the link', () => {
    expect(serializeUrlState(urlStateFromStore(store.getState(), null))).toBe('?a=fixture-article');
    expect(serializeUrlState(urlStateFromStore(store.getState(), 'bench/corpus/index.json'))).toBe(
      '?data=bench/corpus/index.json&a=fixture-article',
    );
  });
});

describe('a draft opened in this tab', () => {
  it('never reaches the URL: no a=, no claim=, only the map view', () => {
    const store = createAppStore();
    const bundle = makeBundle();
    const st = store.getState();
    st.setBundle(bundle);
    st.setDraft({ bundle, slug: bundle.article.slug, metaYaml: '', claimsYaml: '', geojson: {}, droppedCount: 0 });
    st.select(bundle.claims[0]!.id, 'list');
    st.setKinds(['movement']);
    st.setView({ zoom: 3, lat: 10, lon: 20 });
    expect(serializeUrlState(urlStateFromStore(store.getState(), null))).toBe('?map=3.00/10.0000/20.0000');
    st.setBundle(bundle);
    expect(serializeUrlState(urlStateFromStore(store.getState(), null))).toContain('a=fixture-article');
  });
});
