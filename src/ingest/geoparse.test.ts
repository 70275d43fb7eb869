import { describe, expect, it } from 'vitest';
import { fixtureGazetteer } from './__fixtures__/gazetteer';
import { geoparse } from './geoparse';
import type { Toponym } from './geoparse';

const gaz = fixtureGazetteer();
const parse = (text: string): Toponym[] => geoparse(text, gaz);
const ids = (text: string): string[] => parse(text).map((t) => t.id);
const at = (text: string, word: string, nth = 0): Toponym | undefined => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(word, i + 1);
  return parse(text).find((t) => t.start === i);
};

describe('geoparse: recognition', () => {
  it('finds countries with offsets that slice back to the words', () => {
    const text = 'Fighters are moving from Syria and Libya to Afghanistan.';
    const found = parse(text);
    expect(found.map((t) => t.id)).toEqual(['SYR', 'LBY', 'AFG']);
    for (const t of found) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('counts offsets in UTF-16 code units after non-ASCII text', () => {
    const text = '“Šťastný” – Russia’s army 🚀 reached Dushanbe.';
    const d = at(text, 'Dushanbe');
    expect(d?.id).toBe('geonames:1221874');
    expect(text.slice(d!.start, d!.end)).toBe('Dushanbe');
    expect(at(text, 'Russia')?.text).toBe('Russia'); // the possessive is not part of the name
  });

  it('reads demonyms as their country and marks them', () => {
    const t = at('Hundreds of Afghan soldiers fled.', 'Afghan');
    expect(t).toMatchObject({ id: 'AFG', demonym: true });
  });

  it('takes abbreviations only in capitals', () => {
    expect(ids('The US and the U.K. said so.')).toEqual(['USA', 'GBR']);
    expect(ids('Let us go.')).toEqual([]);
  });

  it('finds multi-word region names, including a lower-case tail the gazetteer knows', () => {
    expect(ids('Russia fears destabilization in Central Asian countries.')).toEqual(['RUS', 'region:central-asia']);
  });

  it('does not read an institution named after a place as the place', () => {
    expect(ids('He studied at the University of Texas before moving to Moscow.')).toEqual(['geonames:524901']);
  });

  it('ignores currencies written with a country code', () => {
    expect(ids('The settlement was US$460 million.')).toEqual([]);
  });
});

describe('geoparse: disambiguation', () => {
  it('prefers the populous namesake without context', () => {
    expect(at('Talks were held in Moscow on Monday.', 'Moscow')?.id).toBe('geonames:524901');
    expect(at('He flew to Paris yesterday.', 'Paris')?.id).toBe('geonames:2988507');
  });

  it('uses an explicit "City, State" container', () => {
    expect(at('A fair opened in Paris, Texas, on Friday.', 'Paris')?.id).toBe('geonames:4717560');
  });

  it('lets the named subdivision beat a namesake in another state the text names', () => {
    const text = 'Shelters opened in Paris, Texas, on Friday. Maine braced for rain.';
    expect(at(text, 'Paris')?.id).toBe('geonames:4717560');
    expect(at('Shelters opened in Paris, Maine, on Friday. Texas braced for rain.', 'Paris')?.id).toBe('geonames:4974617');
  });

  it('uses the countries and states the text already names', () => {
    const text = 'Floods hit Pennsylvania this week. In Reading, the river rose two metres.';
    expect(at(text, 'Reading')?.id).toBe('geonames:5207490');
  });

  it('resolves a country/person ambiguity: Jordan the country, Michael Jordan the person', () => {
    expect(at('Refugees crossed into Jordan last month.', 'Jordan')?.id).toBe('JOR');
    expect(at('Michael Jordan visited the school.', 'Jordan')).toBeUndefined();
    expect(at('Mr Jordan said the talks failed.', 'Jordan')).toBeUndefined();
    expect(at('Jordan Peterson spoke.', 'Jordan')).toBeUndefined();
    expect(at('Officials said Jordan Police arrested two men.', 'Jordan')?.id).toBe('JOR');
  });

  it('rejects ordinary words that are also towns unless the text places them', () => {
    expect(at('Reading the report, she frowned.', 'Reading')).toBeUndefined();
    expect(at('Of course, we hope for peace.', 'Of')).toBeUndefined();
    expect(at('He bought a Mobile phone.', 'Mobile')).toBeUndefined();
    expect(at('The storm reached Mobile, Alabama, at dawn.', 'Mobile')?.id).toBe('geonames:4076598');
    expect(at('She moved to Reading in 2019.', 'Reading')?.id).toBe('geonames:2639577');
  });

  it('treats a surname seen in a full name as a person later on', () => {
    const text = 'The minister Ivan Moscow arrived. Moscow said the deal was done.';
    expect(at(text, 'Moscow', 1)).toBeUndefined();
  });
});

describe('geoparse: context a reader uses', () => {
  it('reads Georgia as the country in a story about Tbilisi and as the US state in one about Atlanta', () => {
    const tbilisi = 'Protesters filled the streets of Tbilisi on Sunday. Georgia has asked for talks.';
    expect(at(tbilisi, 'Georgia')?.id).toBe('GEO');
    const atlanta = 'Storms knocked out power across Atlanta overnight. Georgia declared an emergency on Monday.';
    expect(at(atlanta, 'Georgia')?.id).toBe('admin:US-GA');
  });

  it('keeps one reading for a name repeated in a story: the one its address pins down', () => {
    const text = 'The recall began at a plant in Blakely, Georgia. Products from the Georgia plant were shipped abroad.';
    expect(at(text, 'Georgia', 1)?.id).toBe('admin:US-GA');
    const paris = 'A fair opened in Paris, Texas, on Friday. Crowds in Paris cheered the parade.';
    expect(at(paris, 'Paris', 1)?.id).toBe('geonames:4717560');
  });

  it('reads a governor as a state office and a mayor as a city office', () => {
    expect(at('New York Governor Andrew Cuomo declared an emergency.', 'New York')?.id).toBe('admin:US-NY');
    expect(at('The governor of New York declared an emergency.', 'New York')?.id).toBe('admin:US-NY');
    expect(at('The mayor of Quebec opened the bridge.', 'Quebec')?.id).toBe('geonames:6325494');
    // Ontario alone is the province; its mayor is the Californian city's.
    expect(at('The bridge was opened on Friday by Ontario Mayor Paul Leon and his staff.', 'Ontario')?.id).toBe('geonames:5379439');
    expect(at('The storm reached New York on Friday.', 'New York')?.id).toBe('geonames:5128581');
  });

  it('reads a list with repeated wording as one of subdivisions', () => {
    const text = 'Canada reported eight cases in Alberta, one in New Brunswick, and one in Quebec.';
    expect(at(text, 'Quebec')?.id).toBe('admin:CA-QC');
    expect(at('Canada said a bridge in Quebec reopened.', 'Quebec')?.id).toBe('geonames:6325494');
  });

  it('reads "Quebec City" as one name, distinct from the province named in the same story', () => {
    const text = 'Canada reported eight cases in Alberta, one in New Brunswick, and one in Quebec. The mayor of Quebec City urged calm.';
    expect(at(text, 'Quebec')?.id).toBe('admin:CA-QC');
    expect(at(text, 'Quebec', 1)).toMatchObject({ id: 'geonames:6325494', text: 'Quebec City' });
    // "quebec" is also a word (the radio alphabet's Q); "Quebec City" is not.
    expect(at('Quebec City is cold and windy this week.', 'Quebec')?.text).toBe('Quebec City');
    // The list pins the province as firmly as the mayor pins the city: neither overrides the other.
    const both = 'Canada reported eight cases in Alberta, one in New Brunswick, and one in Quebec. The mayor of Quebec urged calm.';
    expect(at(both, 'Quebec')?.id).toBe('admin:CA-QC');
    expect(at(both, 'Quebec', 1)?.id).toBe('geonames:6325494');
  });

  it('gives no answer when an address names a country or subdivision none of the namesakes lies in', () => {
    expect(at('A truck was stopped in Stroud, Ontario, Canada.', 'Stroud')).toBeUndefined();
    expect(at('Birds were culled at a farm in Norfolk, England.', 'Norfolk')).toBeUndefined();
    // The address still pins a namesake that is there.
    expect(at('A truck was stopped in Stroud, England.', 'Stroud')?.id).toBe('geonames:2636616');
  });

  it('does not let a name be the evidence for its own country', () => {
    // The only Long Island the gazetteer knows is in the Bahamas; the story is about the United States.
    expect(at('Floods hit the US east coast, and Long Island was worst hit.', 'Long Island')).toBeUndefined();
    expect(at('Ferries to Long Island in the Bahamas resumed.', 'Long Island')?.id).toBe('admin:BS-LI');
  });

  it('uses a named subdivision for its towns however populous the subdivision is', () => {
    // California holds 39 million people but only a tenth of the country's: it still says which Glendale.
    expect(at('Police in California closed a street in Glendale.', 'Glendale')?.id).toBe('geonames:5352423');
    expect(at('Police closed a street in Glendale.', 'Glendale')?.id).toBe('geonames:5295985');
  });

  it('reads a shared country name by the country the text names otherwise, else the more populous', () => {
    expect(at('Nine people died of Ebola in the Republic of Congo. The government of Congo closed schools.', 'Congo', 1)?.id).toBe('COG');
    expect(at('Fighting spread in eastern Congo this week.', 'Congo')?.id).toBe('COD');
    expect(at('Aid reached Brazzaville on Monday. Congo asked for more.', 'Congo')?.id).toBe('COG');
  });

  it('takes a shared demonym for its most populous country when gathering context', () => {
    // "French" is France, not the French Southern Lands: a small French town then needs no other cue.
    expect(at('French police said Aubagne residents were evacuated.', 'Aubagne')?.id).toBe('geonames:3036433');
  });
});

describe('geoparse: borders', () => {
  it('turns "the border between X and Y" into the shared border line', () => {
    const text = 'They will hold an exercise at the border between Tajikistan and Afghanistan next week.';
    const b = parse(text).find((t) => t.kind === 'border');
    expect(b).toMatchObject({ id: 'border:TJK-AFG', text: 'the border between Tajikistan and Afghanistan' });
    expect(text.slice(b!.start, b!.end)).toBe(b!.text);
  });

  it('reads "the X-Y border" and "X\'s border with Y"', () => {
    expect(parse('Clashes on the Tajikistan-Afghanistan border.').some((t) => t.id === 'border:TJK-AFG')).toBe(true);
    expect(parse('Uzbekistan’s border with Afghanistan is closed.').some((t) => t.id === 'border:UZB-AFG')).toBe(true);
  });
});
