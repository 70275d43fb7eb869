import { beforeEach, describe, expect, it } from 'vitest';
import { createAppStore, type AppStore } from './app-store';
import { makeBundle } from './test-fixtures/bundle';
import { getArticleOf, getArticleRanges, getIsAllView, getReaderBundle, getSelectedClaim, getVisibleCountByArticle } from './selectors';
import type { ArticleBundle } from '../domain/types';
import { dayFromIso } from '../domain/time-window';

function as(slug: string): ArticleBundle {
  const b = makeBundle();
  return { ...b, article: { ...b.article, slug, title: `About ${slug}` } };
}

let store: AppStore;
beforeEach(() => {
  store = createAppStore();
  store.getState().setAllArticles([as('alpha'), as('beta')]);
});

describe('the all-articles view in the store', () => {
  it('shows the merged bundle and keeps each article for the reader and the panel', () => {
    const st = store.getState();
    expect(getIsAllView(st)).toBe(true);
    expect(getArticleRanges(st)).toEqual([
      { slug: 'alpha', start: 0, end: 4 },
      { slug: 'beta', start: 4, end: 8 },
    ]);
    st.select('beta/mobilized-may', 'list');
    const claim = getSelectedClaim(store.getState());
    expect(getArticleOf(store.getState(), claim)?.title).toBe('About beta');
  });

  it('counts the claims of each article inside the time window', () => {
    const day = (iso: string) => dayFromIso(iso)!;
    expect([...getVisibleCountByArticle(store.getState())]).toEqual([
      ['alpha', 4],
      ['beta', 4],
    ]);
    store.getState().setTimeWindow({ start: day('2021-05-01'), end: day('2021-06-01') });
    expect([...getVisibleCountByArticle(store.getState())]).toEqual([
      ['alpha', 1],
      ['beta', 1],
    ]);
  });

  it('reads the contents until an article or a claim is chosen, then that article with merged ids', () => {
    expect(getReaderBundle(store.getState())).toBeNull();
    store.getState().setReaderArticle('alpha');
    const reader = getReaderBundle(store.getState())!;
    expect(reader.article.title).toBe('About alpha');
    expect(reader.claims.map((c) => c.id)).toEqual(makeBundle().claims.map((c) => `alpha/${c.id}`));
    store.getState().select('beta/kabul-denies', 'map');
    expect(getReaderBundle(store.getState())!.article.slug).toBe('beta');
  });

  it('switches to one article and back to the same merged bundle, fresh each time', () => {
    const merged = store.getState().bundle;
    store.getState().setReaderArticle('beta');
    store.getState().setBundle(store.getState().articles.get('beta')!);
    expect(getIsAllView(store.getState())).toBe(false);
    expect(getReaderBundle(store.getState())?.article.slug).toBe('beta');
    store.getState().showAllArticles();
    expect(store.getState().bundle).toBe(merged);
    expect(store.getState().readerArticle).toBeNull();
  });

  it('refuses to select an id the merged bundle does not hold (an unprefixed one)', () => {
    store.getState().select('kabul-denies', 'url');
    expect(store.getState().selectedId).toBeNull();
  });
});
