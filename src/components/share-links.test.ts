/**
 * The share menu builds its links from the store; they must say exactly what the URL sync writes, or a
 * copied link would reopen a different view than the address bar.
 */
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../store/app-store';
import { makeBundle } from '../store/test-fixtures/bundle';
import { parseUrlState, serializeUrlState, urlStateFromStore } from '../store/url-state';
import { isEmbedSearch, withEmbedFlag } from '../app/embed';
import { claimLink, embedLink, escapeAttribute, iframeCode, shareUrlState, viewLink } from './ShareMenu';

function narrowedStore() {
  const store = createAppStore();
  const bundle = makeBundle();
  const st = store.getState();
  st.setBundle(bundle);
  st.select(bundle.claims[1]!.id, 'list');
  st.setKinds(['movement', 'exercise']);
  st.setBy(['AFP']);
  st.setView({ zoom: 4.25, lat: 35.12345, lon: 66.5 });
  const domain = { start: 18800, end: 18900 };
  st.setTimeWindow({ start: domain.start + 10, end: domain.start + 20 });
  return store;
}

describe('share links', () => {
  it('the view link carries the same state as the URL sync', () => {
    const store = narrowedStore();
    for (const data of [null, 'bench/corpus/index.json']) {
      expect(shareUrlState(store.getState(), data)).toEqual(urlStateFromStore(store.getState(), data));
    }
    const link = viewLink(store.getState(), 'https://atlas.example/app/', null);
    expect(link).toBe(`https://atlas.example/app/${serializeUrlState(urlStateFromStore(store.getState(), null))}`);
    const back = parseUrlState(new URL(link).search);
    expect(back.notices).toEqual([]);
    expect(back.state.claim).toBe(store.getState().selectedId);
    expect(back.state.kinds).toEqual(['movement', 'exercise']);
  });

  it('a claim permalink names the article and the claim only', () => {
    const link = claimLink('seed-article', 'claim-one', 'https://atlas.example/', null);
    expect(link).toBe('https://atlas.example/?a=seed-article&claim=claim-one');
    expect(claimLink('seed-article', 'claim-one', 'https://atlas.example/', 'bench/x/index.json')).toContain('data=bench/x/index.json');
  });

  it('the embed link is the view link with embed=1, and the URL sync keeps the flag', () => {
    const store = narrowedStore();
    const link = new URL(embedLink(store.getState(), 'https://atlas.example/', null));
    expect(link.searchParams.get('embed')).toBe('1');
    expect(isEmbedSearch(link.search)).toBe(true);
    expect(parseUrlState(link.search).state).toEqual(parseUrlState(new URL(viewLink(store.getState(), 'https://atlas.example/', null)).search).state);
    expect(withEmbedFlag('', true)).toBe('?embed=1');
    expect(withEmbedFlag('?a=x', true)).toBe('?embed=1&a=x');
    expect(withEmbedFlag('?a=x', false)).toBe('?a=x');
    expect(isEmbedSearch('?embed=10')).toBe(false);
    expect(isEmbedSearch('?xembed=1')).toBe(false);
  });

  it('the iframe code escapes the title and the URL so neither can leave its attribute', () => {
    const code = iframeCode('https://atlas.example/?embed=1&a=x"><script>', 'A "quoted" <b>title</b> & more', 520);
    expect(code).toBe(
      '<iframe src="https://atlas.example/?embed=1&amp;a=x&quot;&gt;&lt;script&gt;" title="Claim Atlas: A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt; &amp; more" width="100%" height="520" style="border:0" loading="lazy" referrerpolicy="strict-origin-when-cross-origin" allow="clipboard-write"></iframe>',
    );
    expect(escapeAttribute(`'`)).toBe(`'`); // the attribute is double-quoted; a single quote cannot end it
  });
});
