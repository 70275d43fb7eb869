/**
 * Toponym recognition and resolution in English news text, with no model: a longest-match gazetteer
 * lookup over capitalised token runs, then heuristics that a careful reader would use —
 *  - capitalisation and position (a sentence-initial or headline word is weak evidence of a name),
 *  - ordinary English words that are also towns ("Reading", "Mobile", "Of") need a locative cue,
 *  - given names next to other names are people ("Michael Jordan", "Paris Hilton"),
 *  - "City, Country" / "City, State" pins the city inside its container (and no answer beats a namesake
 *    outside it),
 *  - among namesakes, the one in a country or subdivision the text names otherwise (or holds a well-known
 *    city it names) wins, then the one a kind cue asks for ("New York Governor", "the mayor of Quebec",
 *    a list of provinces), then the more populous one,
 *  - a name keeps one reading through a story once an address, a cue or a list pins it.
 * Offsets are UTF-16 code units into the input string. Pure and synchronous.
 */
import type { Gazetteer, GeoKind, NameEntry, Place } from './gazetteer';
import { normaliseName } from './gazetteer';

export interface Toponym {
  start: number;
  end: number;
  text: string;
  id: string;
  name: string;
  lat: number;
  lon: number;
  kind: GeoKind | 'border';
  /** "Russian", "Afghan": an adjective or demonym standing for the country. */
  demonym: boolean;
  /** For borders: the two countries. */
  countries?: [string, string];
}

interface Token {
  start: number;
  end: number;
  text: string;
  upper: boolean; // starts with a capital letter
  hasUpper: boolean;
  /** The token opens a sentence or sits in a headline, so its capital proves little. */
  weakCap: boolean;
  possessive: boolean;
  rawEnd: number; // end including a possessive 's
}

const TOKEN_RE = /(?:[A-Z]\.){2,}|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['\u2019][\p{L}\p{M}]+)*/gu;
const UPPER_RE = /^\p{Lu}/u;
const HAS_UPPER_RE = /\p{Lu}/u;

/** Words that open a phrase or sentence and are capitalised for that reason only. */
const FUNCTION_WORDS = new Set(
  (
    'the a an in at on of for from to by with and or but as after before during since until into onto ' +
    'near across around over under between among about against within without through throughout ' +
    'this that these those its his her their our my your he she it they we i you while when where if ' +
    'north south east west northern southern eastern western central northeast northwest southeast ' +
    'southwest north-east north-west south-east south-west north-western south-western north-eastern ' +
    'south-eastern upper lower greater inner outer neighbouring neighboring nearby rural urban'
  ).split(' '),
);
/** Words after a place name that make it the seat of an office or body, not part of a person's name. */
const OFFICE_WORDS = new Set(
  'governor mayor senator senators attorney police department health secretary minister ministry president premier government officials official authorities army navy legislature assembly parliament council court sheriff state county city republican republicans democrat democrats democratic congressman congresswoman representative delegation'.split(
    ' ',
  ),
);
const DETERMINERS = new Set('a an the this that these those his her their its our my your every each some any another'.split(' '));
const DIRECTIONS = new Set(
  'north south east west northern southern eastern western central northeast northwest southeast southwest north-east north-west south-east south-west upper lower'.split(
    ' ',
  ),
);
const LOCATIVE_CUES = new Set(
  'in at near from to into outside inside across around towards toward through via throughout within reach reached visit visited visiting'.split(
    ' ',
  ),
);
const TITLES = new Set(
  'mr mrs ms miss dr sir lady lord dame prof professor rev father saint'.split(' '),
);
/** Capitalised words after a place name that make it part of an organisation or person, not a place. */
const PLACE_TYPE_WORDS = new Set(
  'city province state region county district river valley lake mountains mountain island islands sea gulf bay strait coast desert basin delta peninsula prefecture governorate oblast territory municipality border square street avenue road airport park camp bridge harbour harbor creek canyon plateau parish borough township'.split(
    ' ',
  ),
);

/** Lower-case words after a place name that make it an eponym, not a location ("West Nile virus"). */
const EPONYM_WORDS = new Set('virus viruses ebolavirus fever flu influenza disease strain syndrome encephalitis'.split(' '));
/** Capitalised words after a place name that make it the name of a medium or organisation. */
const ORG_WORDS = new Set(
  'times post daily herald tribune journal gazette chronicle telegraph broadcasting presse press observer examiner standard'.split(' '),
);
/** Institutions named after a building or street: in news they are the institution. */
const INSTITUTIONS = new Set(['white house', 'wall street', 'downing street', 'capitol hill', 'whitehall']);
const SPEECH_VERBS = new Set('said says told added explained noted stated argued warned claimed wrote replied'.split(' '));

function isHeadlineLine(line: string): boolean {
  const words = line.match(/\p{L}{4,}/gu);
  if (!words || words.length < 3) return false;
  const caps = words.filter((w) => UPPER_RE.test(w)).length;
  return caps / words.length >= 0.7;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Headline lines: Title Case makes every word look like a name.
  const headlineRanges: [number, number][] = [];
  let lineStart = 0;
  for (;;) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    if (lineEnd - lineStart < 200 && isHeadlineLine(text.slice(lineStart, lineEnd))) headlineRanges.push([lineStart, lineEnd]);
    if (nl < 0) break;
    lineStart = nl + 1;
  }
  let h = 0;
  TOKEN_RE.lastIndex = 0;
  let prevEnd = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    let t = m[0];
    const start = m.index;
    // Possessive: "Russia’s" names Russia.
    const possessive = /['\u2019]s$/.test(t) && t.length > 3;
    if (possessive) t = t.slice(0, -2);
    const end = start + t.length;
    const gap = text.slice(prevEnd, start);
    let weakCap = tokens.length === 0 || /[.!?:;\n]["'\u201c\u201d\u2018\u2019()[\]\s]*$/.test(gap) || /^["\u201c(\s]*$/.test(gap) && tokens.length === 0;
    if (!weakCap && /["\u201c\u201e]\s*$/.test(gap)) weakCap = true; // opening a quotation
    while (h < headlineRanges.length && headlineRanges[h]![1] < start) h++;
    const hr = headlineRanges[h];
    if (hr && start >= hr[0] && start <= hr[1]) weakCap = true;
    tokens.push({ start, end, text: t, upper: UPPER_RE.test(t), hasUpper: HAS_UPPER_RE.test(t), weakCap, possessive, rawEnd: m.index + m[0].length });
    prevEnd = m.index + m[0].length;
  }
  return tokens;
}

interface Match {
  i: number; // first token
  j: number; // last token
  start: number;
  end: number;
  text: string;
  entries: NameEntry[];
}

const fastNormalise = normaliseName;

const ABBREV_TOKEN = /^(?:[A-Z]{2,4}|(?:[A-Z]\.){2,4})$/;
const LOWER_TAIL = /^(?:countries|states|republics|nations)$/;

function findMatches(text: string, tokens: Token[], gaz: Gazetteer): Match[] {
  const out: Match[] = [];
  // Normalised token forms, computed once: with a possessive ("children's") to continue a run, without
  // it ("russia") to end one.
  const bare: (string | undefined)[] = new Array(tokens.length);
  const raw: (string | undefined)[] = new Array(tokens.length);
  const bareOf = (k: number): string => (bare[k] ??= fastNormalise(tokens[k]!.text));
  const rawOf = (k: number): string => {
    const t = tokens[k]!;
    return (raw[k] ??= t.possessive ? fastNormalise(text.slice(t.start, t.rawEnd)) : bareOf(k));
  };
  let i = 0;
  while (i < tokens.length) {
    const ti = tokens[i]!;
    if (!ti.upper) {
      i++;
      continue;
    }
    let found: Match | null = null;
    const take = (j: number, entries: NameEntry[] | undefined): void => {
      if (entries && entries.length > 0) found = { i, j, start: ti.start, end: tokens[j]!.end, text: text.slice(ti.start, tokens[j]!.end), entries };
    };
    if (ABBREV_TOKEN.test(ti.text)) take(i, gaz.byAbbrev.get(ti.text));
    // Two-to-four capital letters are an acronym, never a lower-case name ("US" is not "us").
    if (!found && !/^[A-Z]{2,4}$/.test(ti.text)) take(i, gaz.byName.get(bareOf(i)));
    // Extend the run over spaces, hyphens and single commas ("Washington, D.C.") while it is still the
    // beginning of some name in the gazetteer; the longest name found wins.
    let partial = rawOf(i);
    const maxJ = Math.min(tokens.length - 1, i + gaz.maxTokens - 1);
    for (let j = i + 1; j <= maxJ && gaz.prefixes.has(partial); j++) {
      const tj = tokens[j]!;
      const gap = text.slice(tokens[j - 1]!.rawEnd, tj.start);
      let sep: string;
      if (gap === ' ') sep = ' ';
      else if (gap === '-' || gap === '\u2010' || gap === '\u2011') sep = '-';
      else if (/^,[ \t]+$/.test(gap)) sep = ', ';
      else if (gap === '. ' && /^(?:St|Mt|Ft|Pt)$/.test(tokens[j - 1]!.text)) sep = '. ';
      else if (/^[ \t]*\n?[ \t]*$/.test(gap) && gap.length > 0) sep = ' ';
      else break;
      // "Central Asian countries" ends in a lower-case word but is a name in the gazetteer.
      if (tj.hasUpper || LOWER_TAIL.test(tj.text)) take(j, gaz.byName.get(partial + sep + bareOf(j)));
      partial = partial + sep + rawOf(j);
    }
    if (found) {
      const f: Match = found;
      out.push(f);
      i = f.j + 1;
    } else i++;
  }
  return out;
}

const log10 = (x: number): number => Math.log10(Math.max(1, x));

/** Per country, the summed weight (town population) of its subdivisions: computed once per gazetteer. */
const adminTotalsCache = new WeakMap<Gazetteer, Map<string, number>>();
function adminTotals(gaz: Gazetteer): Map<string, number> {
  let totals = adminTotalsCache.get(gaz);
  if (!totals) {
    totals = new Map();
    for (const a of gaz.admins.values()) if (a.iso3) totals.set(a.iso3, (totals.get(a.iso3) ?? 0) + a.population);
    adminTotalsCache.set(gaz, totals);
  }
  return totals;
}

function baseScore(p: Place): number {
  switch (p.kind) {
    case 'country':
      return 110;
    case 'region':
      return 115;
    case 'admin':
      return 35 + 5 * log10(p.population + 1);
    case 'city':
      return 10 * log10(p.population + 1) + (p.capital ? 25 : 0);
  }
}

export interface GeoparseOptions {
  /** Also report demonyms ("Russian") as toponyms of their country. Default true. */
  demonyms?: boolean;
}

export function geoparse(text: string, gaz: Gazetteer, opts: GeoparseOptions = {}): Toponym[] {
  const withDemonyms = opts.demonyms ?? true;
  const tokens = tokenize(text);
  const matches = findMatches(text, tokens, gaz);

  const prevToken = (m: Match): Token | undefined => tokens[m.i - 1];
  const nextToken = (m: Match): Token | undefined => tokens[m.j + 1];
  const gapBefore = (m: Match): string => {
    const p = prevToken(m);
    return p ? text.slice(p.end, m.start) : '';
  };
  const gapAfter = (m: Match): string => {
    const n = nextToken(m);
    return n ? text.slice(m.end, n.start) : '';
  };
  const isPlaceToken = (t: Token | undefined): boolean =>
    !!t && (gaz.byName.has(fastNormalise(t.text)) || gaz.byAbbrev.has(t.text));

  /** A capitalised word glued to the match that is not a place, a title-case function word or a type word. */
  const nameNeighbour = (t: Token | undefined, gap: string): boolean => {
    if (!t || !t.upper || !/^[ \t]+$/.test(gap)) return false;
    const low = t.text.toLowerCase();
    if (FUNCTION_WORDS.has(low) || PLACE_TYPE_WORDS.has(low)) return false;
    if (isPlaceToken(t)) return false;
    return true;
  };

  const personCue = (m: Match): boolean => {
    const p = prevToken(m);
    const gb = gapBefore(m);
    if (p && TITLES.has(p.text.toLowerCase().replace(/\.$/, '')) && /^\.?\s+$/.test(gb)) return true;
    const single = m.i === m.j;
    const key = normaliseName(m.text);
    if (single && gaz.givenNames.has(key)) {
      if (nameNeighbour(p, gb) && !p!.weakCap) return true; // "Michael Jordan"
      if (nameNeighbour(p, gb) && p!.weakCap && !FUNCTION_WORDS.has(p!.text.toLowerCase())) return true;
      const n = nextToken(m);
      // "Paris Hilton" is a person; "Washington Governor Jay Inslee" names an office of a place.
      if (nameNeighbour(n, gapAfter(m)) && !/^(?:said|says)$/i.test(n!.text) && !OFFICE_WORDS.has(n!.text.toLowerCase())) return true;
    }
    return false;
  };

  // People: the last word of a "First Last" or "First Middle Last" run ("Bruce Edwards Ivins") names
  // that person in later mentions too ("Ivins said").
  const surnames = new Set<string>();
  for (let k = 0; k < tokens.length; k++) {
    const a = tokens[k]!;
    const before = tokens[k - 1];
    if (!a.upper || a.possessive) continue;
    if (before && before.upper && before.rawEnd + 1 === a.start) continue; // not the start of a run
    const al = a.text.toLowerCase();
    if (FUNCTION_WORDS.has(al) || PLACE_TYPE_WORDS.has(al) || TITLES.has(al) || isPlaceToken(a)) continue;
    if (/^[A-Z]{2,}$/.test(a.text) || a.text.length < 2) continue;
    let end = k;
    while (end + 1 < tokens.length && end - k < 3) {
      const x = tokens[end]!;
      const y = tokens[end + 1]!;
      if (!y.upper || x.possessive || y.start !== x.end + 1 || text[x.end] !== ' ') break;
      end++;
    }
    const len = end - k + 1;
    if (len < 2 || len > 3) continue;
    const last = tokens[end]!;
    if (PLACE_TYPE_WORDS.has(last.text.toLowerCase()) || ORG_WORDS.has(last.text.toLowerCase())) continue;
    surnames.add(last.text);
  }

  /** Contexts that make a name not a place reference whatever it resolves to. */
  const vetoOf = (m: Match): boolean => {
    const key = normaliseName(m.text);
    const after = text.slice(m.end, m.end + 1);
    const before = m.start > 0 ? text[m.start - 1] : '';
    const next = nextToken(m);
    const prev = prevToken(m);
    const ga = gapAfter(m);
    if (after === '$' || before === '$') return true; // "US$460 million"
    if (INSTITUTIONS.has(key)) return true;
    if (next && /^[ \t]+$/.test(ga) && EPONYM_WORDS.has(next.text.toLowerCase())) return true;
    if (next && /^[ \t]+$/.test(ga) && next.upper && ORG_WORDS.has(next.text.toLowerCase())) return true;
    if (next && ga === '-' && next.upper && !isPlaceToken(next)) return true; // "Agence France-Presse"
    if (prev && /^[ \t]+$/.test(gapBefore(m)) && prev.text === 'Agence') return true;
    // "The Times of India", "University of Georgia", "Bank of America": an institution's name.
    return /\b(?:Times|University|Bank|College|Institute|Museum|School|Academy) of $/.test(text.slice(Math.max(0, m.start - 14), m.start));
  };
  const vetoed = matches.map(vetoOf);

  // Pass 1: countries and unambiguous subdivisions the text names give the context for namesakes.
  const docCountries = new Map<string, number>();
  const docAdmins = new Set<string>();
  // What each name contributed: a name is no evidence for itself ("Long Island" read as the Bahamian
  // district must not make the Bahamas a country the text names).
  const contributed = new Map<string, Map<string, number>>();
  const countDoc = (key: string, iso3: string): void => {
    docCountries.set(iso3, (docCountries.get(iso3) ?? 0) + 1);
    const own = contributed.get(key) ?? new Map<string, number>();
    own.set(iso3, (own.get(iso3) ?? 0) + 1);
    contributed.set(key, own);
  };
  // Countries named by a name no other country shares ("Republic of Congo", not "Congo" or "Congolese").
  const namedUnambiguously = new Set<string>();
  const person = matches.map((m, k) => vetoed[k] || personCue(m));
  matches.forEach((m, k) => {
    if (person[k]) return;
    const key = normaliseName(m.text);
    // "French" is France, not the French Southern Lands: the namesake country with more people.
    let countryEntry: NameEntry | undefined;
    for (const e of m.entries) {
      if (e.place.kind === 'country' && (!countryEntry || e.place.population > countryEntry.place.population)) countryEntry = e;
    }
    if (countryEntry) {
      countDoc(key, countryEntry.place.id);
      if (m.entries.every((e) => e.place.kind !== 'country' || e.place.id === countryEntry.place.id)) {
        namedUnambiguously.add(countryEntry.place.id);
      }
      return;
    }
    const admins = m.entries.filter((e) => e.place.kind === 'admin');
    const bigCity = m.entries.some((e) => e.place.kind === 'city' && e.place.population >= 100000);
    if (admins.length === 1 && !bigCity) {
      const a = admins[0]!.place;
      if (a.iso3) countDoc(key, a.iso3);
      // "England" says nothing about which English town a name is: it holds most of its country's towns.
      // "Pennsylvania" and "California" do.
      if (a.adminKey && a.iso3 && a.population < 0.5 * (adminTotals(gaz).get(a.iso3) ?? 0)) docAdmins.add(a.adminKey);
    }
  });
  // Subdivisions and countries of the well-known cities the text names ("Atlanta": US.GA, USA): a name
  // whose most populous reading is a city of 100,000 or more, ten times any namesake's size.
  const cityAdmins = new Set<string>();
  const cityCountries = new Set<string>();
  matches.forEach((m, k) => {
    if (person[k] || m.entries.some((e) => e.place.kind !== 'city')) return;
    let top: Place | null = null;
    let second = 0;
    for (const e of m.entries) {
      if (!top || e.place.population > top.population) {
        second = top?.population ?? 0;
        top = e.place;
      } else second = Math.max(second, e.place.population);
    }
    if (!top || top.population < 100000 || second * 10 > top.population) return;
    if (top.adminKey) cityAdmins.add(top.adminKey);
    if (top.iso3) cityCountries.add(top.iso3);
  });
  /** Per name: the text names some country through another name. */
  const othersNamedByKey = new Map<string, boolean>();
  /** The text names this country through some other name than `key`. */
  const docElsewhere = (iso3: string, key: string): boolean =>
    (docCountries.get(iso3) ?? 0) > (contributed.get(key)?.get(iso3) ?? 0);

  // "Pandi, Bulacan", "Buffalo, New York": the second names the container of the first.
  const container = new Map<number, Match>();
  for (let k = 0; k + 1 < matches.length; k++) {
    const a = matches[k]!;
    const b = matches[k + 1]!;
    if (!/^,[ \t]*$/.test(text.slice(a.end, b.start)) || !b.entries.some((e) => e.place.kind === 'country' || e.place.kind === 'admin')) continue;
    // "Washington, Pennsylvania and California" is a list of three, not a city in Pennsylvania; but
    // "Stroud, Ontario, Canada" is an address: the third name is the country of the second.
    const c = matches[k + 2];
    const address =
      !!c &&
      /^,[ \t]*$/.test(text.slice(b.end, c.start)) &&
      c.entries.some((x) => x.place.kind === 'country' && b.entries.some((y) => y.place.kind === 'admin' && y.place.iso3 === x.place.id));
    if (c && !address && /^(?:,[ \t]*|[ \t]+and[ \t]+|,[ \t]+and[ \t]+|[ \t]+or[ \t]+)$/.test(text.slice(b.end, c.start))) continue;
    container.set(k, b);
  }

  // Neighbours in a list ("Utah, Washington and Wisconsin") are usually places of one kind.
  const LIST_GAP = /^(?:,[ \t]*|[ \t]+and[ \t]+|[ \t]+or[ \t]+|,[ \t]+and[ \t]+|,[ \t]+or[ \t]+)$/;
  // A list whose items repeat a short phrase: "eight in Alberta, one in New Brunswick, and one in Quebec".
  const PARALLEL_GAP = /^,[ \t]+(?:and[ \t]+|or[ \t]+)?(?:[a-z0-9][\w-]*[ \t]+){1,3}(?:in|at|from)[ \t]+$/;
  // Kinds the neighbours were resolved to in a first pass (undefined during that pass).
  let firstPass: (GeoKind | undefined)[] | null = null;
  let firstBest: (NameEntry | undefined)[] | null = null;
  const listKinds = (k: number): Set<GeoKind> => {
    const kinds = new Set<GeoKind>();
    const a = matches[k - 1];
    const m = matches[k]!;
    const b = matches[k + 1];
    for (const [x, gap] of [
      [a, a ? text.slice(a.end, m.start) : ''],
      [b, b ? text.slice(m.end, b.start) : ''],
    ] as const) {
      if (!x || !(LIST_GAP.test(gap) || PARALLEL_GAP.test(gap))) continue;
      // "Oxnard, California" is a city and its container, not a list of two cities.
      if ((x === a && container.get(k - 1) === m) || (x === b && container.get(k) === b)) continue;
      const resolved = firstPass?.[x === a ? k - 1 : k + 1];
      if (resolved) {
        kinds.add(resolved);
        continue;
      }
      const ks = new Set(x.entries.map((e) => e.place.kind));
      if (ks.size === 1) kinds.add([...ks][0]!);
      else if (ks.has('country')) kinds.add('country');
    }
    return kinds;
  };
  const nearDoc = (iso3: string): boolean => {
    const b = gaz.borders.get(iso3);
    if (!b) return false;
    for (const c of b) if (docCountries.has(c)) return true;
    return false;
  };

  /** The best reading of match k, and whether any reading lies inside its explicit container. */
  const pick = (
    m: Match,
    k: number,
    cont: Match | undefined,
    inList: Set<GeoKind>,
    adminCue: boolean,
    isContainer: boolean,
    cityCue = false,
  ): { best: NameEntry | null; anyInside: boolean } => {
      const key = normaliseName(m.text);
      // The container as the first pass read it ("Ontario" the province, not the Californian city).
      const contReading = cont && firstBest ? firstBest[k + 1] : undefined;
      const contCountry = contReading && (contReading.place.kind === 'country' || contReading.place.kind === 'admin') ? contReading.place.iso3 : undefined;
      let best: NameEntry | null = null;
      let bestScore = -Infinity;
      // An explicit container of countries and subdivisions ("Norfolk, England", "Stroud, Ontario") vetoes
      // every reading outside their countries: better no answer than a namesake abroad. Only the
      // country is checked, since subdivision codes differ between sources.
      let anyInside = !cont || (contReading ? !contCountry : !cont.entries.every((c) => c.place.kind === 'country'));
      const exactAvailable =
        !!cont &&
        m.entries.some(
          (e) => e.place.kind !== 'country' && e.place.adminKey !== null && cont.entries.some((c) => c.place.kind === 'admin' && c.place.adminKey === e.place.adminKey),
        );
      for (const e of m.entries) {
        if (e.demonym && !withDemonyms) continue;
        const p = e.place;
        let s = baseScore(p);
        if (p.kind !== 'country' && p.iso3) {
          if (docElsewhere(p.iso3, key)) s += docBonus;
          else if (nearDoc(p.iso3)) s += docBonus / 2;
        }
        if (p.kind === 'city' && p.adminKey && docAdmins.has(p.adminKey)) s += adminBonus;
      // "Kharkiv", "Belgorod": a city and the subdivision named after it; news means the city unless a
      // list or "province" says otherwise.
      if (p.kind === 'city' && p.population >= 100000 && m.entries.some((x) => x.place.kind === 'admin' && x.place.adminKey === p.adminKey)) s += 15;
      // Namesake countries ("American": the United States, not the Northern Mariana Islands): the one
      // with more people in the gazetteer.
      if (p.kind === 'country') s += 0.1 * log10(p.population + 1);
      // …unless the text names the other one in another way ("the Republic of Congo … Congo").
      if (
        p.kind === 'country' &&
        (namedUnambiguously.has(p.id) || cityCountries.has(p.id)) &&
        m.entries.some((x) => x.place.kind === 'country' && x.place.id !== p.id)
      ) {
        s += 20;
      }
        if (inList.has(p.kind)) s += 25;
        if (adminCue && p.kind === 'admin') s += 80;
        if (cityCue && p.kind === 'city') s += 80;
        if (isContainer && p.kind === 'admin') s += 30;
        // "Blakely, Georgia": the reading of the container that holds a reading of the town is the one meant.
        if (isContainer && k > 0 && (p.kind === 'admin' || p.kind === 'country')) {
          const holds = matches[k - 1]!.entries.some((e) =>
            p.kind === 'admin' ? e.place.kind !== 'country' && p.adminKey !== null && e.place.adminKey === p.adminKey : e.place.iso3 === p.id,
          );
          if (holds) s += 50;
        }
        if (cont && p.kind !== 'country') {
          const exact = cont.entries.some((c) => c.place.kind === 'admin' && c.place.adminKey !== null && c.place.adminKey === p.adminKey);
          const sameCountry = cont.entries.some(
            (c) => (c.place.kind === 'country' && c.place.id === p.iso3) || (c.place.kind === 'admin' && c.place.iso3 === p.iso3),
          );
          if (exact) s += 60;
          // A namesake elsewhere in the same country only stands in when no reading lies in the named
          // subdivision (its admin code may not match GeoNames'): "Paris, Texas" is not Paris, Maine.
          else if (sameCountry) s += exactAvailable ? 10 : 45;
          if (contCountry ? p.iso3 === contCountry : exact || sameCountry) anyInside = true;
        }
        // A subdivision that shares a country's name wins only when the text names its country repeatedly
        // or one of its cities, the namesake country is neither otherwise named nor holds a city the text
        // names, and the list around it is not of countries ("Georgia" in a story about Atlanta, but in
        // one about Tbilisi the country, and "Mali, Niger and Senegal").
        if (p.kind === 'country' && !inList.has('country')) {
          const rival = m.entries.some(
            (x) =>
              x.place.kind === 'admin' &&
              x.place.iso3 &&
              x.place.iso3 !== p.id &&
              ((docCountries.get(x.place.iso3) ?? 0) >= 2 || (x.place.adminKey !== null && cityAdmins.has(x.place.adminKey))),
          );
          if (rival && !docElsewhere(p.id, key) && !cityCountries.has(p.id) && !nearDoc(p.id)) s -= 40;
        }
        if (p.kind === 'admin' && p.adminKey !== null && cityAdmins.has(p.adminKey)) s += adminBonus;
        if (s > bestScore) {
          bestScore = s;
          best = e;
        }
      }
      return { best, anyInside };
  };

  /** Words that say which kind of place a name is: "Ohio State", "the province of Quebec"; a governor or
   *  legislature belongs to a state or province ("New York Governor Andrew Cuomo"), a mayor to a city
   *  ("the mayor of Quebec"). */
  const kindCueOf = (m: Match): 'admin' | 'city' | null => {
    const nextLow = nextToken(m)?.text.toLowerCase() ?? '';
    const glued = /^(?:['\u2019]s)?[ \t]+$/.test(text.slice(m.end, nextToken(m)?.start ?? m.end));
    const before = text.slice(Math.max(0, m.start - 24), m.start);
    if (glued && /^(?:state|province|county|region|prefecture|governorate|oblast|governor|governors|gubernatorial|legislature|statehouse)$/.test(nextLow)) return 'admin';
    if (/(?:state|province|region|governor|governorship|legislature) of\s+$/i.test(before)) return 'admin';
    if (glued && /^(?:mayor|mayors|mayoral)$/.test(nextLow)) return 'city';
    if (/(?:mayor|city) of\s+$/i.test(before)) return 'city';
    return null;
  };
  const kindCues = matches.map((m, k) => (person[k] ? null : kindCueOf(m)));
  const contOf = (m: Match, k: number): Match | undefined =>
    // A country is never "inside" the next name: "Kenya, Uganda and Tanzania" is a list.
    m.entries.some((e) => e.place.kind === 'country' || e.place.kind === 'region') ? undefined : container.get(k);
  // In a story naming many countries, "a country the text names" says less about a namesake.
  const docBonus = 30 / Math.sqrt(Math.max(1, docCountries.size / 3));
  const adminBonus = 30 / Math.sqrt(Math.max(1, docAdmins.size / 2));
  // First pass: each name's reading without list context; the second pass reads lists by it.
  firstBest = matches.map((m, k) =>
    person[k] ? undefined : (pick(m, k, contOf(m, k), listKinds(k), kindCues[k] === 'admin', k > 0 && container.get(k - 1) === m, kindCues[k] === 'city').best ?? undefined),
  );
  firstPass = firstBest.map((e) => e?.place.kind);

  const out: Toponym[] = [];
  const mentions: { key: string; t: Toponym; firm: boolean; entries: NameEntry[] }[] = [];
  matches.forEach((m, k) => {
    if (person[k]) return;
    const first = tokens[m.i]!;
    const single = m.i === m.j;
    const key = normaliseName(m.text);
    const cont = contOf(m, k);
    const prev = prevToken(m);
    const locCue =
      !!prev && LOCATIVE_CUES.has(prev.text.toLowerCase()) && /^[ \t]+$/.test(gapBefore(m)) ||
      (!!prev && prev.text.toLowerCase() === 'the' && !!tokens[m.i - 2] && LOCATIVE_CUES.has(tokens[m.i - 2]!.text.toLowerCase()));
    const inList = listKinds(k);
    const isContainer = k > 0 && container.get(k - 1) === m;
    const adminCue = kindCues[k] === 'admin';
    const cityCue = kindCues[k] === 'city';

    const { best, anyInside } = pick(m, k, cont, inList, adminCue, isContainer, cityCue);
    // "Laguna, Philippines" when the gazetteer knows no Laguna there: better nothing than the wrong one.
    if (!anyInside) return;
    const insideCont = !!cont && cont.entries.some((c) => best!.place.iso3 !== null && (c.place.id === best!.place.iso3 || c.place.iso3 === best!.place.iso3));
    if (!best) return;
    const p = best.place;
    const next = nextToken(m);
    const ga = gapAfter(m);
    if (vetoed[k]) return;
    // "Fraser Valley", "Scott County", "Mahim Bay": a different, unknown feature named after this one.
    if (next && /^[ \t]+$/.test(ga) && next.upper && PLACE_TYPE_WORDS.has(next.text.toLowerCase()) && p.kind !== 'country' && p.kind !== 'region') {
      if (!(p.kind === 'city' && next.text === 'City') && !(p.kind === 'admin' && /^(?:State|Province|Region|County|Prefecture)$/.test(next.text))) return;
    }
    // "Cuvette-Ouest": the tail of a hyphenated name.
    if (prev && gapBefore(m) === '-' && prev.upper && !isPlaceToken(prev)) return;

    // Acceptance: how much evidence does this reading of a capitalised word need?
    const supported = locCue || insideCont || (p.iso3 !== null && docElsewhere(p.iso3, key) && p.kind !== 'country');
    // A small place in a country the text never names nor borders is a namesake accident ("Suba" in a
    // story about Kenya is not the Colombian town).
    let othersNamed = othersNamedByKey.get(key);
    if (othersNamed === undefined) {
      othersNamed = [...docCountries.keys()].some((iso3) => docElsewhere(iso3, key));
      othersNamedByKey.set(key, othersNamed);
    }
    const foreign = p.iso3 !== null && othersNamed && !docElsewhere(p.iso3, key) && !nearDoc(p.iso3) && !insideCont;
    if (foreign && p.kind === 'city' && p.population < 100000 && !p.capital) return;
    // "Of Brazil's cases…": a function word is never a town, whatever Turkey calls one.
    if (single && FUNCTION_WORDS.has(key)) return;
    // "Valley", "Bay" alone are a feature type, not the town or region of that name.
    if (single && PLACE_TYPE_WORDS.has(key) && p.kind !== 'country' && p.kind !== 'region') return;
    if (p.kind === 'city') {
      // "Quebec City" is no ordinary word, whatever "quebec" alone is.
      const common = single && gaz.commonWords.has(key) && !(next?.text === 'City' && /^[ \t]+$/.test(ga));
      if (single && p.kind === 'city' && surnames.has(m.text) && !cont) return;
      if (single && !p.capital && p.population < 500000 && next && /^[ \t]+$/.test(ga) && SPEECH_VERBS.has(next.text)) return;
      if (common) {
        // Town names take no article: "a Mobile phone", "the Reading room".
        if (prev && DETERMINERS.has(prev.text.toLowerCase()) && /^[ \t]+$/.test(gapBefore(m))) return;
        if (/^ of [A-Z]/.test(text.slice(m.end, m.end + 5))) return; // "University of Texas"
        if (first.weakCap && !locCue && !cont) return;
        if (!supported && p.population < 100000) return;
        if (!locCue && !cont && !/^[ \t]*[,.;:)]/.test(gapAfter(m)) && nameNeighbour(nextToken(m), gapAfter(m))) return;
      } else if (single) {
        if (!supported && p.population < 50000 && !p.capital) return;
        if (first.weakCap && !supported && p.population < 200000) return;
      } else if (!supported && p.population < 5000) return;
      // Part of a longer name: "Fort Detrick", "Mayor Bloomberg"; a first name: "David Shearer".
      if (single && nameNeighbour(prev, gapBefore(m)) && !prev!.weakCap) return;
      // ("Ontario Mayor Paul Leon" is the city's office, not a longer name.)
      if (single && !cont && !p.capital && p.population < 1000000 && nameNeighbour(next, ga) && !tokens[m.j + 1]!.possessive && !OFFICE_WORDS.has(next!.text.toLowerCase())) return;
    } else if (p.kind === 'admin') {
      const common = single && gaz.commonWords.has(key);
      if (common && first.weakCap && !locCue && !cont) return;
      if (single && nameNeighbour(prev, gapBefore(m)) && !prev!.weakCap && !supported) return;
      // "Central Plateau", "Western Kasai": a directional name the gazetteer does not have.
      if (prev && prev.upper && !prev.weakCap && /^[ \t]+$/.test(gapBefore(m)) && DIRECTIONS.has(prev.text.toLowerCase())) return;
      // A small subdivision of a country the text never comes near is a namesake accident.
      if (foreign && p.population < 500000 && !adminCue) return;
    }
    if (best.demonym && !withDemonyms) return;

    // "Quebec City", "Kuwait City": the type word is part of the city's name.
    const end = p.kind === 'city' && next?.text === 'City' && /^[ \t]+$/.test(ga) ? next.end : m.end;
    const t: Toponym = {
      start: m.start,
      end,
      text: text.slice(m.start, end),
      id: p.id,
      name: p.name,
      lat: p.lat,
      lon: p.lon,
      kind: p.kind,
      demonym: best.demonym,
    };
    out.push(t);
    // How firmly this mention's own words pin its reading: a container it lies in ("Paris, Texas"), being
    // the subdivision that contains a town ("Blakely, Georgia"), a kind cue ("New York Governor").
    // A list of one kind of place also pins the kind ("ten in Quebec" among provinces).
    const firm =
      (!!cont && insideCont) ||
      (isContainer && p.kind === 'admin') ||
      (adminCue && p.kind === 'admin') ||
      (cityCue && p.kind === 'city') ||
      (inList.size === 1 && inList.has(p.kind) && m.entries.some((e) => e.place.kind !== p.kind));
    if (!best.demonym) mentions.push({ key: end === m.end ? key : normaliseName(t.text), t, firm, entries: m.entries });
  });

  // One sense per discourse: a name repeated in a story means the same place throughout, so a bare
  // mention follows the reading its firmly pinned mentions agree on ("Paris, Texas … in Paris").
  const pinned = new Map<string, Place | null>();
  for (const x of mentions) {
    if (!x.firm) continue;
    const place = x.entries.find((e) => e.place.id === x.t.id)!.place;
    const prev = pinned.get(x.key);
    pinned.set(x.key, prev === undefined || prev?.id === place.id ? place : null);
  }
  for (const x of mentions) {
    const place = pinned.get(x.key);
    if (x.firm || !place || place.id === x.t.id) continue;
    Object.assign(x.t, { id: place.id, name: place.name, lat: place.lat, lon: place.lon, kind: place.kind });
  }

  out.push(...findBorders(text, out, gaz));
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  return out;
}

/** "the border between Tajikistan and Afghanistan", "the Tajik-Afghan border", "Afghanistan's border with Iran". */
function findBorders(text: string, toponyms: Toponym[], gaz: Gazetteer): Toponym[] {
  const countriesAt = new Map<number, Toponym>();
  for (const t of toponyms) if (t.kind === 'country') countriesAt.set(t.start, t);
  const out: Toponym[] = [];
  const make = (start: number, end: number, a: Toponym, b: Toponym): void => {
    if (a.id === b.id) return;
    const pa = gaz.countries.get(a.id);
    const pb = gaz.countries.get(b.id);
    if (!pa || !pb) return;
    out.push({
      start,
      end,
      text: text.slice(start, end),
      id: `border:${a.id}-${b.id}`,
      name: `${pa.name}–${pb.name} border`,
      lat: (pa.lat + pb.lat) / 2,
      lon: (pa.lon + pb.lon) / 2,
      kind: 'border',
      demonym: false,
      countries: [a.id, b.id],
    });
  };
  const between = /\b(?:the\s+)?(?:common\s+|shared\s+)?(?:border|frontier|boundary)\s+between\s+(?:the\s+)?/gi;
  let m: RegExpExecArray | null;
  while ((m = between.exec(text)) !== null) {
    const a = countriesAt.get(m.index + m[0].length);
    if (!a) continue;
    const rest = /^\s+and\s+(?:the\s+)?/.exec(text.slice(a.end, a.end + 12));
    if (!rest) continue;
    const b = countriesAt.get(a.end + rest[0].length);
    if (b) make(m.index, b.end, a, b);
  }
  for (const a of toponyms) {
    if (a.kind !== 'country') continue;
    const after = text.slice(a.end, a.end + 40);
    const dash = /^[-\u2013\u2014/]/.exec(after);
    if (dash) {
      const b = countriesAt.get(a.end + 1);
      if (b && /^\s+(?:border|frontier)\b/i.test(text.slice(b.end, b.end + 12))) {
        const w = /^\s+(?:border|frontier)/i.exec(text.slice(b.end))!;
        const startThe = /the\s+$/i.exec(text.slice(Math.max(0, a.start - 4), a.start));
        make(startThe ? a.start - startThe[0].length : a.start, b.end + w[0].length, a, b);
      }
      continue;
    }
    const withRe = /^(?:['\u2019]s)?\s+(?:common\s+|shared\s+)?(?:border|frontier)\s+with\s+(?:the\s+)?/i.exec(after);
    if (withRe) {
      const b = countriesAt.get(a.end + withRe[0].length);
      if (b) make(a.start, b.end, a, b);
    }
  }
  return out;
}
