import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { fixtureGazetteer } from './__fixtures__/gazetteer';
import { draftArticle, findBoilerplate, findMagnitude, splitSentences } from './draft';
import type { DraftClaim } from './draft';

const P = '2021-07-28';
const draft = (text: string) => draftArticle(text, { published: P, slug: 'test-article', gazetteer: fixtureGazetteer() });
const only = (text: string, kind?: string): DraftClaim => {
  const claims = draft(text).claims.filter((c) => !kind || c.kind === kind);
  expect(claims.length).toBeGreaterThan(0);
  return claims[0]!;
};

describe('sentences and boilerplate', () => {
  it('splits sentences without breaking at abbreviations', () => {
    const text = 'Mr. Smith went to Kabul. The U.S. army left! Did it?';
    expect(splitSentences(text).map((s) => text.slice(s.start, s.end))).toEqual(['Mr. Smith went to Kabul.', 'The U.S. army left!', 'Did it?']);
  });

  it('finds "See also" lines and drafts no claim from them', () => {
    const text = 'Title\n\nRussia will provide military assistance to Tajikistan.\n\nSee also  Russia moves troops to Afghanistan';
    expect(findBoilerplate(text).map((b) => text.slice(b.start, b.end))).toEqual(['See also  Russia moves troops to Afghanistan']);
    const d = draft(text);
    expect(d.claims.every((c) => !c.quote.includes('See also'))).toBe(true);
    expect(d.meta.boilerplate).toEqual([{ quote: 'See also  Russia moves troops to Afghanistan' }]);
  });
});

describe('claim patterns', () => {
  it('drafts a movement from its origins to its destination', () => {
    const c = only('Title\n\nFighters are moving from Syria and Libya to Afghanistan.', 'movement');
    expect(c.places).toEqual([
      { id: 'SYR', role: 'origin' },
      { id: 'LBY', role: 'origin' },
      { id: 'AFG', role: 'destination' },
    ]);
  });

  it('drafts displacement with the people\'s country as origin ("fled to")', () => {
    const c = only('Title\n\nHundreds of Afghan soldiers fled to Tajikistan.', 'displacement');
    expect(c.places).toEqual([
      { id: 'AFG', role: 'origin' },
      { id: 'TJK', role: 'destination' },
    ]);
    expect(c.magnitude).toEqual({ value: 200, unit: 'soldiers', approximate: true });
  });

  it('starts a flow at the city named, not also at the country of its people ("Afghan refugees fled from Kabul")', () => {
    const c = only('Title\n\nAfghan refugees fled from Kabul to Dushanbe.', 'displacement');
    expect(c.places).toEqual([
      { id: 'geonames:1138958', role: 'origin' },
      { id: 'geonames:1221874', role: 'destination' },
    ]);
    // A people's country stays an origin beside a place in another country.
    const d = only('Title\n\nAfghan and Tajik refugees fled from Kabul to Moscow.', 'displacement');
    expect(d.places.filter((p) => p.role === 'origin').map((p) => p.id)).toEqual(['TJK', 'geonames:1138958']);
  });

  it('drafts assistance from the giver to the receiver', () => {
    const c = only('Title\n\nRussia will provide military assistance to Tajikistan.', 'assistance');
    expect(c.places).toEqual([
      { id: 'RUS', role: 'origin' },
      { id: 'TJK', role: 'destination' },
    ]);
  });

  it('drafts an exercise at a border with its participants and time', () => {
    const c = only('Title\n\nRussia, Tajikistan and Uzbekistan are preparing a joint military exercise at the border between Tajikistan and Afghanistan next week.', 'exercise');
    expect(c.places).toEqual(
      expect.arrayContaining([
        { id: 'RUS', role: 'participant' },
        { id: 'UZB', role: 'participant' },
        { id: 'border:TJK-AFG', role: 'location' },
      ]),
    );
    expect(c.when).toEqual({ phrase: 'next week' });
  });

  it('drafts mobilisation with its magnitude', () => {
    const c = only('Title\n\nTajikistan is mobilizing 20,000 reservists.', 'mobilization');
    expect(c.magnitude).toEqual({ value: 20000, unit: 'reservists', approximate: false });
  });

  it('pairs a denial with the claim it denies', () => {
    const d = draft('Title\n\nThe Taliban claim to have 90 percent of Afghanistan’s borders under control, which the government in Kabul denies.');
    const claim = d.claims.find((c) => c.kind === 'territorial-control' && c.stance !== 'denied')!;
    const denial = d.claims.find((c) => c.stance === 'denied')!;
    expect(denial.quote).toBe('which the government in Kabul denies');
    expect(denial.counterClaim).toBe(claim.id);
    expect(claim.counterClaim).toBe(denial.id);
    expect(claim.stance).toBe('disputed');
    expect(denial.saidBy).toEqual({ organisation: 'Government in Kabul' });
    expect(claim.magnitude).toEqual({ value: 90, unit: 'percent of Afghanistan borders', approximate: false });
  });
});

describe('coreference the drafts rely on', () => {
  it('reads "the Central Asian country" as the most salient member of Central Asia', () => {
    const d = draft('Title\n\nRussia will help Tajikistan. Russia will help Afghanistan. Afghanistan is at war. Russia promised weapons to the Central Asian country.');
    const last = d.claims[d.claims.length - 1]!;
    expect(last.places).toContainEqual({ id: 'TJK', role: 'destination' });
  });

  it('places an event without a named place in the article\'s main country, with lower confidence', () => {
    const d = draft('Title\n\nThe Taliban attacked Afghanistan again. Afghanistan is at war. It has since occupied large rural areas.');
    const c = d.claims.find((x) => x.quote.startsWith('It has since occupied'))!;
    expect(c.places).toEqual([{ id: 'AFG', role: 'area' }]);
    expect(c.confidence).toBeLessThan(d.claims[0]!.confidence);
  });
});

describe('attribution', () => {
  it('fills the speaker and role from "X told reporters"', () => {
    const c = only('Title\n\nRussia’s Defense Minister Sergei Shoigu told reporters today that Russia will provide military assistance to Tajikistan.');
    expect(c.saidBy).toEqual({ name: 'Sergei Shoigu', role: 'Russia’s Defense Minister' });
    expect(c.when).toEqual({ phrase: 'today' });
  });

  it('takes outlets from "the AFP agency reported" and "according to Reuters"', () => {
    const a = only('Title\n\nRussia promised military assistance to Tajikistan, the AFP agency reported.');
    expect(a.reportedBy).toEqual(['AFP']);
    expect(a.quote).toBe('Russia promised military assistance to Tajikistan');
    const b = only('Title\n\nAccording to Reuters, Russia sent weapons to Tajikistan.');
    expect(b.reportedBy).toEqual(['Reuters']);
  });

  it('lends a quotation\'s speaker to the paragraph and resolves a later surname', () => {
    const d = draft('Title\n\nRussian Defence Minister Sergei Shoigu spoke in Dushanbe. “We see fighters moving from Syria to Afghanistan,” Shoigu said.');
    const c = d.claims.find((x) => x.kind === 'movement')!;
    expect(c.saidBy).toEqual({ name: 'Sergei Shoigu', role: 'Russian Defence Minister' });
  });
});

describe('YAML output', () => {
  it('writes draft claims with review, confidence and exact quotes, and a draft meta', () => {
    const text = 'Jihadists move to Afghanistan\n\nFighters are moving from Syria to Afghanistan, AFP said.';
    const d = draft(text);
    const claims = (parseYaml(d.claimsYaml) as { claims: Record<string, unknown>[] }).claims;
    expect(claims.length).toBe(d.claims.length);
    for (const c of claims) {
      expect(c['review']).toBe('draft');
      expect(typeof c['confidence']).toBe('number');
      expect(text.includes(c['quote'] as string)).toBe(true);
      expect(c).not.toHaveProperty('span');
    }
    const meta = parseYaml(d.metaYaml) as Record<string, unknown>;
    expect(meta).toMatchObject({ title: 'Jihadists move to Afghanistan', published: P, review: 'draft', sources: ['AFP'] });
  });

  it('gives an explicit interval and basis when the sentence has no time', () => {
    const c = only('Title\n\nFighters are moving from Syria to Afghanistan.');
    expect(c.when).toMatchObject({ phrase: null, start: P, end: '2021-07-29', precision: 'approximate' });
    expect(c.when.basis).toMatch(/no time/);
  });
});

describe('progress', () => {
  it('reports stages with fractions that only grow, ending at 1', () => {
    const seen: [number, string][] = [];
    const text = `Title\n\n${'Russia will provide military assistance to Tajikistan. '.repeat(200)}`;
    draftArticle(text, { published: P, slug: 's', gazetteer: fixtureGazetteer(), onProgress: (f, s) => seen.push([f, s]) });
    expect(seen[0]).toEqual([0, 'geoparsing']);
    expect(seen[seen.length - 1]).toEqual([1, 'done']);
    expect(seen.every(([f], i) => i === 0 || f >= seen[i - 1]![0])).toBe(true);
    expect(seen.filter(([, s]) => s === 'drafting claims').length).toBeGreaterThan(2);
  });
});

describe('findMagnitude', () => {
  const m = (s: string) => findMagnitude(s, { start: 0, end: s.length });
  it('reads numbers with units, scales and hedges', () => {
    expect(m('with 230,000 troops taking part')).toEqual({ value: 230000, unit: 'troops', approximate: false });
    expect(m('about 1.5 million refugees')).toEqual({ value: 1500000, unit: 'refugees', approximate: true });
    expect(m('in 2021 nothing happened')).toBeUndefined();
  });
});
