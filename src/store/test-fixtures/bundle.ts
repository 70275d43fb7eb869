/** A small hand-built bundle in the compiled format for store and selector tests. */
import type { ArticleBundle, Claim, ClaimKind, Stance } from '../../domain/types';

const text =
  'Russia said fighters move to Afghanistan. Kabul denies it. An exercise will follow next week. ' +
  'Tajikistan mobilized reservists in May, AFP said.';

function claim(
  id: string,
  kind: ClaimKind,
  quote: string,
  start: string,
  end: string,
  extra: Partial<Claim> = {},
  stance: Stance = 'asserted',
): Claim {
  const s = text.indexOf(quote);
  if (s < 0) throw new Error(`fixture quote not in text: ${quote}`);
  return {
    id,
    kind,
    summary: `${id} summary`,
    quote: { start: s, end: s + quote.length, text: quote },
    saidBy: null,
    reportedBy: [],
    stance,
    counterClaim: null,
    when: { phrase: null, phraseSpan: null, start, end, precision: 'day', basis: 'fixture' },
    places: [{ id: 'AFG', name: 'Afghanistan', kind: 'country', role: 'area', lon: 66, lat: 34 }],
    actors: [],
    magnitude: null,
    note: null,
    geometry: {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { claimId: id, mark: 'point', kind, stance, placeIds: ['AFG'] },
          geometry: { type: 'Point', coordinates: [66, 34] },
        },
      ],
    },
    anchor: [66, 34],
    bbox: [66, 34, 66, 34],
    ...extra,
  };
}

export function makeBundle(): ArticleBundle {
  return {
    format: 1,
    article: {
      slug: 'fixture-article',
      title: 'Fixture',
      published: '2021-07-28',
      publishedConfidence: 'high',
      publishedEvidence: 'fixture',
      outlet: null,
      sources: ['AFP'],
      language: 'en',
      originalLanguage: null,
      translation: null,
      url: null,
      provenanceNote: null,
      boilerplate: [],
      review: 'curated',
      text,
    },
    claims: [
      claim('fighters-move', 'movement', 'Russia said fighters move to Afghanistan.', '2021-07-28', '2021-07-29', {
        saidBy: { name: 'Sergei Shoigu', role: 'Russian Defence Minister', organisation: null },
        reportedBy: ['AFP'],
        counterClaim: 'kabul-denies',
      }),
      claim(
        'kabul-denies',
        'statement',
        'Kabul denies it.',
        '2021-07-28',
        '2021-07-29',
        { saidBy: { name: null, role: null, organisation: 'Government of Afghanistan' }, counterClaim: 'fighters-move' },
        'denied',
      ),
      claim('exercise-next-week', 'exercise', 'An exercise will follow next week.', '2021-08-02', '2021-08-09'),
      claim('mobilized-may', 'mobilization', 'Tajikistan mobilized reservists in May', '2021-05-01', '2021-06-01', {
        reportedBy: ['AFP'],
      }),
    ],
  };
}
