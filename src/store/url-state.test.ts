import { describe, expect, it } from 'vitest';
import { EMPTY_URL_STATE, isSafeDataPath, parseUrlState, serializeUrlState } from './url-state';

describe('parseUrlState', () => {
  it('reads every parameter of a well-formed link', () => {
    const { state, notices } = parseUrlState(
      '?data=bench/corpus/index.json&a=jihadists-syria-libya-afghanistan&claim=is-units-moving-shoigu' +
        '&from=2021-07-01&to=2021-08-01&kinds=movement,exercise&by=Sergei%20Shoigu,AFP&map=4.25/36.1234/66.5',
    );
    expect(notices).toEqual([]);
    expect(state).toEqual({
      data: 'bench/corpus/index.json',
      article: 'jihadists-syria-libya-afghanistan',
      claim: 'is-units-moving-shoigu',
      from: '2021-07-01',
      to: '2021-08-01',
      kinds: ['movement', 'exercise'],
      by: ['Sergei Shoigu', 'AFP'],
      map: { zoom: 4.25, lat: 36.1234, lon: 66.5 },
    });
  });

  it('gives defaults and no notice for an empty query', () => {
    expect(parseUrlState('')).toEqual({ state: EMPTY_URL_STATE, notices: [] });
  });

  it.each([
    ['data=https://evil.example/x.json', 'data'],
    ['data=//evil.example/x.json', 'data'],
    ['data=../secret.json', 'data'],
    ['data=a/../../b.json', 'data'],
    ['data=/etc/passwd.json', 'data'],
    ['data=javascript:alert(1).json', 'data'],
    ['data=index.js', 'data'],
  ])('refuses the hostile data path %s', (query, key) => {
    const { state, notices } = parseUrlState(`?${query}`);
    expect(state[key as 'data']).toBeNull();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^Ignored data=/);
  });

  it.each([
    ['claim=<script>alert(1)</script>', 'claim'],
    ['claim=' + 'a'.repeat(3000), 'claim'],
    ['a=../../etc', 'article'],
    ['a=UPPER', 'article'],
  ])('refuses a malformed id %#', (query, key) => {
    const { state, notices } = parseUrlState(`?${query}`);
    expect(state[key as 'claim']).toBeNull();
    expect(notices).toHaveLength(1);
  });

  it('echoes hostile values shortened and quoted, as plain text', () => {
    const { notices } = parseUrlState('?claim=' + encodeURIComponent('<img src=x onerror=alert(1)>\u202eabc'));
    expect(notices[0]).toBe('Ignored claim "<img src=x onerror=alert(1)>?abc": not a valid claim id.');
  });

  it.each([
    ['from=2021-02-30&to=2021-03-05', /from=/],
    ['from=2021-07-01&to=yesterday', /to=/],
    ['from=2021-08-01&to=2021-08-01', /ends before it starts/],
    ['from=2021-08-02&to=2021-08-01', /ends before it starts/],
  ])('drops an invalid window %s', (query, message) => {
    const { state, notices } = parseUrlState(`?${query}`);
    expect(state.from).toBeNull();
    expect(state.to).toBeNull();
    expect(notices[0]).toMatch(message);
  });

  it('accepts a one-day window and an open-ended one', () => {
    expect(parseUrlState('?from=2021-07-28&to=2021-07-29').state).toMatchObject({ from: '2021-07-28', to: '2021-07-29' });
    expect(parseUrlState('?from=2021-07-28').state).toMatchObject({ from: '2021-07-28', to: null });
  });

  it('keeps the valid kinds and reports the unknown ones', () => {
    const { state, notices } = parseUrlState('?kinds=movement,bogus,exercise,,');
    expect(state.kinds).toEqual(['movement', 'exercise']);
    expect(notices).toEqual(['Ignored unknown claim kind "bogus".']);
  });

  it('falls back to all kinds when none is valid, but honours an explicit empty list', () => {
    expect(parseUrlState('?kinds=foo').state.kinds).toBeNull();
    expect(parseUrlState('?kinds=foo').notices).toHaveLength(2);
    expect(parseUrlState('?kinds=').state.kinds).toEqual([]);
  });

  it('refuses speaker names that are markup', () => {
    const { state, notices } = parseUrlState('?by=AFP,' + encodeURIComponent('<b>x</b>'));
    expect(state.by).toEqual(['AFP']);
    expect(notices[0]).toMatch(/^Ignored speaker\/outlet "<b>x<\/b>"/);
  });

  it.each(['4/91/0', '4/0/181', '23/0/0', '4/0', 'a/b/c', '4/1e3/0', '-1/0/0', 'NaN/0/0', '4/0/0/0'])(
    'drops the out-of-range or malformed view map=%s',
    (value) => {
      const { state, notices } = parseUrlState(`?map=${value}`);
      expect(state.map).toBeNull();
      expect(notices).toHaveLength(1);
    },
  );

  it('survives a huge query and percent-garbage', () => {
    expect(parseUrlState('?claim=%E0%A4%A').state.claim).toBeNull();
    expect(parseUrlState('?' + 'x='.repeat(20000)).notices[0]).toMatch(/too long/);
  });
});

describe('serializeUrlState', () => {
  it('writes parameters in a fixed, readable order and round-trips', () => {
    const state = {
      data: null,
      article: 'seed',
      claim: 'c-1',
      from: '2021-07-01',
      to: '2021-08-01',
      kinds: ['movement' as const, 'exercise' as const],
      by: ['Sergei Shoigu', 'Smith, J.'],
      map: { zoom: 4.256, lat: 36.123456, lon: -66.5 },
    };
    const query = serializeUrlState(state);
    expect(query).toBe(
      '?a=seed&claim=c-1&from=2021-07-01&to=2021-08-01&kinds=movement,exercise&by=Sergei%20Shoigu,Smith%2C%20J.&map=4.26/36.1235/-66.5000',
    );
    const back = parseUrlState(query).state;
    expect(back).toEqual({ ...state, map: { zoom: 4.26, lat: 36.1235, lon: -66.5 } });
  });

  it('is empty for the default state', () => {
    expect(serializeUrlState(EMPTY_URL_STATE)).toBe('');
  });

  it('writes an explicit empty kinds list so "nothing shown" survives a reload', () => {
    expect(serializeUrlState({ ...EMPTY_URL_STATE, kinds: [] })).toBe('?kinds=');
  });
});

describe('isSafeDataPath', () => {
  it('allows same-origin relative json paths only', () => {
    expect(isSafeDataPath('data/index.json')).toBe(true);
    expect(isSafeDataPath('bench/corpus/10k/index.json')).toBe(true);
    expect(isSafeDataPath('./data/index.json')).toBe(false);
    expect(isSafeDataPath('data\\index.json')).toBe(false);
  });
});

describe('the all-articles view in the URL', () => {
  it('reads a=* and a claim id prefixed by its article, and writes them back unchanged', () => {
    const { state, notices } = parseUrlState('?a=*&claim=a-0001-kabul/c-12');
    expect(notices).toEqual([]);
    expect(state.article).toBe('*');
    expect(state.claim).toBe('a-0001-kabul/c-12');
    const query = serializeUrlState(state);
    expect(query).toBe('?a=*&claim=a-0001-kabul/c-12');
    expect(parseUrlState(query).state).toEqual(state);
  });

  it.each(['a/b/c', '/c-1', 'a-1/', 'A-1/c', 'a-1/../c', '*/c-1'])('refuses the claim id %j with a notice', (id) => {
    const { state, notices } = parseUrlState(`?claim=${encodeURIComponent(id)}`);
    expect(state.claim).toBeNull();
    expect(notices[0]).toMatch(/not a valid claim id/);
  });

  it('refuses other wildcards as article names', () => {
    expect(parseUrlState('?a=**').state.article).toBeNull();
    expect(parseUrlState('?a=%2A%2F').state.article).toBeNull();
  });
});
