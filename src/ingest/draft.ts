/**
 * Drafts the curated source format (meta.yaml + claims.yaml, see data/README.md) from plain article text:
 * sentences and clauses matched against claim patterns (movement, displacement, assistance, exercise,
 * mobilisation, offensive, control, withdrawal, deployment, threat, presence, statement), places from the
 * geoparser with roles from their prepositions, speakers and outlets from attribution phrases, times from
 * the time tagger, magnitudes from numbers with units, denials paired with what they deny. Every claim is
 * `review: draft` with a confidence. Pure and synchronous; the caller supplies the gazetteer.
 */
import { Document } from 'yaml';
import { resolvePhrase } from '../domain/dates';
import { addDays } from '../domain/interval';
import type { ClaimKind, PlaceRole, Precision } from '../domain/types';
import type { Gazetteer, Place } from './gazetteer';
import { geoparse } from './geoparse';
import type { Toponym } from './geoparse';
import { tagTimes } from './times';
import type { TimeMention } from './times';
import { KIND_LABELS } from '../domain/kind-style';

export interface DraftPlace {
  id: string;
  role: PlaceRole;
}
export interface DraftSpeaker {
  name?: string;
  role?: string;
  organisation?: string;
}
export interface DraftWhen {
  phrase: string | null;
  start?: string;
  end?: string;
  precision?: Precision;
  basis?: string;
}
export interface DraftClaim {
  id: string;
  kind: ClaimKind;
  summary: string;
  quote: string;
  occurrence?: number;
  saidBy: DraftSpeaker | null;
  reportedBy: string[];
  stance: 'asserted' | 'denied' | 'disputed';
  counterClaim?: string;
  when: DraftWhen;
  places: DraftPlace[];
  actors: string[];
  magnitude?: { value: number; unit: string; approximate: boolean };
  review: 'draft';
  confidence: number;
  /** Where the quote stands in the text (not written to YAML). */
  span: { start: number; end: number };
}
export interface DraftMeta {
  title: string;
  published: string;
  publishedConfidence: 'high' | 'medium' | 'low';
  publishedEvidence: string;
  outlet: string | null;
  sources: string[];
  language: string;
  originalLanguage: string | null;
  translation: string | null;
  url: string | null;
  provenanceNote: string | null;
  review: 'draft';
  boilerplate: { quote: string; occurrence?: number }[];
}
export interface Draft {
  meta: DraftMeta;
  claims: DraftClaim[];
  toponyms: Toponym[];
  times: TimeMention[];
  metaYaml: string;
  claimsYaml: string;
}
export interface DraftOptions {
  published: string;
  slug: string;
  gazetteer: Gazetteer;
  /** Called now and then with a fraction 0–1 (long inputs). */
  onProgress?: (fraction: number, stage: string) => void;
  /** Keep only places the data compiler knows (countries, GeoNames cities, its regions, borders). Default true. */
  compilerIdsOnly?: boolean;
}

// ------------------------------------------------------------------------------------------------
// Text structure

interface Span {
  start: number;
  end: number;
}
interface Sentence extends Span {
  paragraph: number;
}

const BOILERPLATE_LINE = /^(?:see also|read more|read also|also read|related(?: articles?| stories)?:|advertisement|subscribe|sign up|follow us|share (?:this|on)|click here|photo:|image:|© |copyright )/i;
const ABBREV_BEFORE_DOT = /(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Prof|Jr|Sr|Inc|Ltd|Co|No|vs|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|[A-Z])|(?:[A-Z]\.)+[A-Z]|\b[ap]\.m)$/;

export function findBoilerplate(text: string): Span[] {
  const out: Span[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed && BOILERPLATE_LINE.test(trimmed)) {
      const start = pos + line.indexOf(trimmed);
      out.push({ start, end: start + trimmed.length });
    }
    pos += line.length + 1;
  }
  return out;
}

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let pos = 0;
  let paragraph = 0;
  for (const line of text.split('\n')) {
    const lineStart = pos;
    pos += line.length + 1;
    if (line.trim() === '') continue;
    paragraph++;
    let s = lineStart;
    const re = /[.!?]["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(]?[\p{Lu}\d])/gu;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const endInLine = m.index + m[0].length;
      const before = line.slice(0, m.index);
      if (line[m.index] === '.' && ABBREV_BEFORE_DOT.test(before)) continue;
      push(s, lineStart + endInLine);
      s = lineStart + endInLine;
    }
    push(s, lineStart + line.length);
  }
  return out;

  function push(a: number, b: number): void {
    while (a < b && /\s/.test(text[a]!)) a++;
    while (b > a && /\s/.test(text[b - 1]!)) b--;
    if (b > a) out.push({ start: a, end: b, paragraph });
  }
}

/** Clauses that can carry a claim of their own: split at dashes, semicolons, ", which", "at a time when",
 *  and "and"/"by" before an -ing verb ("asking for help … and mobilizing 20,000 reservists"). */
export function splitClauses(text: string, s: Span): Span[] {
  const body = text.slice(s.start, s.end);
  const cuts: Span[] = [];
  const re = /\s[\u2013\u2014-]\s|;\s|:\s(?=\p{Lu})|\s(?=at a time when\b)|,\s(?=(?:which|while|whereas)\b)|\s(?=and\s+\w+ing\s+(?:\d|the\b|a\b|an\b|its\b|their\b|his\b|her\b|some\b|more\b|up\b|out\b))/gu;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) {
    if (m.index - last >= 25) {
      cuts.push({ start: s.start + last, end: s.start + m.index });
      last = m.index + m[0].length;
    }
  }
  cuts.push({ start: s.start + last, end: s.end });
  // Trim punctuation and connectives from each clause's ends.
  return cuts
    .map((c) => {
      let a = c.start;
      let b = c.end;
      const lead = /^(?:and|but|at a time when|which)\s+/i.exec(text.slice(a, b));
      if (lead && !/^which/i.test(lead[0])) a += lead[0].length;
      while (b > a && /[\s.,;:!?]/.test(text[b - 1]!)) b--;
      // "…, “Shoigu said." / "…, AFP said": the attribution is not the claim's words.
      const tail = /[,.]?\s*["\u201c\u201d]?\s*(?:(?:the\s+)?\p{Lu}[\p{L}.'\u2019-]*\s+){1,4}(?:agency\s+)?(?:said|says|reported|told reporters)(?:\s+(?:earlier|later|today|on \w+))?\s*$/u.exec(text.slice(a, b));
      if (tail && tail.index > 20) b = a + tail.index;
      while (b > a && /[\s.,;:!?]/.test(text[b - 1]!)) b--;
      while (a < b && /\s/.test(text[a]!)) a++;
      return { start: a, end: b };
    })
    .filter((c) => c.end - c.start >= 12);
}

// ------------------------------------------------------------------------------------------------
// Patterns

const KIND_PATTERNS: [ClaimKind, RegExp][] = [
  ['displacement', /\b(?:fled|flee(?:s|ing)?|refugees?|displaced|evacuat\w*|asylum)\b/i],
  ['exercise', /\b(?:exercises?|drills?|manoeuvres?|maneuvers?|war games)\b/i],
  ['mobilization', /\b(?:mobili[sz]\w*|reservists?|conscript\w*|call(?:ed|ing|s)? up)\b/i],
  ['withdrawal', /\b(?:withdr[ae]w\w*|pull(?:ed|ing|s)? out|retreat\w*)\b/i],
  ['assistance', /\b(?:assistance|aid|help|support|suppl(?:y|ies|ied)|provid\w*|deliver\w*|weapons|equipment|training)\b/i],
  ['offensive', /\b(?:offensive|attack\w*|assault\w*|invad\w*|invasion|shell\w*|bomb\w*|air ?strikes?|launch\w* (?:a|an|the) \w*\s?(?:attack|offensive|operation))\b/i],
  ['territorial-control', /\b(?:(?<!out of )under (?:\w+ )?control|occup(?:y|ied|ies|ying)|captur\w+|seiz\w+|t(?:ook|aken) control|control(?:s|led)? (?:of|over)|hold(?:s|ing)? (?!talks))\b/i],
  ['movement', /\b(?:mov(?:e|es|ed|ing)|movement|travel\w*|relocat\w*|transferr?\w*|cross(?:ed|ing|es)|infiltrat\w*|arriv\w*|head(?:ed|ing) (?:to|for)|sent (?:to|into))\b/i],
  ['deployment', /\b(?:deploy\w*|stationed|dispatch\w*|reinforce\w*)\b/i],
  ['presence', /\b(?:based in|presence in|present in|(?:military )?base in)\b/i],
  ['threat', /\b(?:threat\w*|fears?|feared|warn\w*|destabili[sz]\w*|danger\w*)\b/i],
];
const DIRECTED_KINDS = new Set<ClaimKind>(['movement', 'displacement', 'assistance', 'deployment', 'withdrawal']);

const OUTLETS = [
  'AFP', 'Agence France-Presse', 'Reuters', 'AP', 'Associated Press', 'TASS', 'RIA Novosti', 'Interfax', 'Xinhua',
  'BBC', 'CNN', 'Al Jazeera', 'Bloomberg', 'dpa', 'DPA', 'ANSA', 'EFE', 'Kyodo', 'Yonhap', 'ČTK', 'CTK', 'UPI',
  'The New York Times', 'New York Times', 'The Washington Post', 'Washington Post', 'The Guardian', 'Guardian',
  'Financial Times', 'Wall Street Journal', 'The Wall Street Journal', 'Sputnik', 'RT', 'Anadolu', 'IRNA', 'WAFA',
  'Kommersant', 'Izvestia', 'NHK', 'Sky News', 'Fox News', 'NBC', 'CBS', 'ABC', 'NPR', 'Politico', 'Axios',
  'Le Monde', 'Der Spiegel', 'Tolo News', 'TOLOnews', 'Pajhwok', 'Dawn', 'Asia-Plus', 'Ukrinform', 'Kyiv Independent',
];
const OUTLET_SET = new Set(OUTLETS.map((o) => o.toLowerCase()));
const SPEECH =
  '(?:said|says|told reporters|told|reported|reports|added|stated|announced|warned|claimed|claims|wrote|declared|noted|stressed|explained|quoted|expressed|voiced|urged|insisted|promised|pledged|accused|confirmed|spoke)';
const ROLE_WORDS = new Set(
  'minister president prime secretary spokesman spokeswoman spokesperson chief general commander ambassador director head governor mayor senator foreign defense defence interior state deputy vice chairman chairwoman official officer leader envoy representative adviser advisor colonel major lieutenant captain admiral marshal king queen prince premier chancellor us u.s. uk russian'.split(
    ' ',
  ),
);

function isOutlet(name: string): boolean {
  return OUTLET_SET.has(name.toLowerCase().replace(/^the /, '')) || OUTLET_SET.has(name.toLowerCase());
}

interface Attribution {
  saidBy: DraftSpeaker | null;
  reportedBy: string[];
  /** Spans of the attribution words (places inside them are the speaker's, not the claim's). */
  spans: Span[];
}

/** "Russia’s Defense Minister Sergei Shoigu" → name + role. */
function splitNameRole(np: string): DraftSpeaker {
  const words = np.trim().split(/\s+/);
  let k = words.length;
  while (k > 0) {
    const w = words[k - 1]!;
    if (!/^\p{Lu}/u.test(w) || ROLE_WORDS.has(w.toLowerCase().replace(/['\u2019]s$/, ''))) break;
    if (/['\u2019]s$/.test(w)) break;
    k--;
  }
  const name = words.slice(k).join(' ');
  const role = words.slice(0, k).join(' ');
  const out: DraftSpeaker = {};
  if (name) out.name = name;
  if (role) out.role = role.replace(/^(?:the|a|an)\s+/i, '');
  return out;
}

const CAP_RUN = "(?:the |The )?(?:\\p{Lu}[\\p{L}.'\\u2019-]*|al|bin|de|van|von)(?: (?:\\p{Lu}[\\p{L}.'\\u2019-]*|al|bin|de|van|von)){0,6}";

function findAttribution(text: string, s: Span, people: Map<string, DraftSpeaker>, lastPerson: DraftSpeaker | null): Attribution {
  const body = text.slice(s.start, s.end);
  const reportedBy: string[] = [];
  const spans: Span[] = [];
  let saidBy: DraftSpeaker | null = null;
  const add = (o: string): void => {
    const clean = o.replace(/^the /i, '').replace(/ (?:news )?agency$/i, '');
    if (!reportedBy.includes(clean)) reportedBy.push(clean);
  };

  // "…, Shoigu was quoted as saying by TASS"
  for (const m of body.matchAll(new RegExp(`(?:quoted (?:as saying )?by|reported by|[Aa]ccording to|told|cited by|[Cc]iting) (?:the )?(${CAP_RUN})`, 'gu'))) {
    const who = m[1]!.replace(/^the /i, '');
    const agency = /agency|news/i.test(body.slice(m.index! + m[0].length, m.index! + m[0].length + 12));
    if (isOutlet(who) || agency) add(who);
    else if (/^[Aa]ccording to/.test(m[0]) && !saidBy) saidBy = speakerFrom(who, people);
    spans.push({ start: s.start + m.index!, end: s.start + m.index! + m[0].length });
  }
  // "the AFP agency reported", "Reuters reported earlier", "AFP said"
  for (const m of body.matchAll(new RegExp(`(${CAP_RUN})(?: (?:news )?agency)?(?: (?:also|has|have|had|was|were|later|then|again|previously|earlier|reportedly|repeatedly|publicly))* ${SPEECH}\\b`, 'gu'))) {
    const np = m[1]!;
    const start = s.start + m.index!;
    spans.push({ start, end: start + m[0].length });
    const bare = np.replace(/^the /i, '');
    if (isOutlet(bare) || /agency/.test(m[0])) {
      add(bare);
      continue;
    }
    if (/^(?:He|She)$/.test(bare)) {
      if (!saidBy && lastPerson) saidBy = lastPerson;
      continue;
    }
    if (/^(?:It|They|We|I|This|That|There)$/.test(bare)) continue;
    if (!saidBy) saidBy = speakerFrom(np, people);
  }
  // "said Shoigu"
  if (!saidBy) {
    const m = new RegExp(`\\b(?:said|says|added) (${CAP_RUN})`, 'u').exec(body);
    if (m && !isOutlet(m[1]!)) {
      saidBy = speakerFrom(m[1]!, people);
      spans.push({ start: s.start + m.index, end: s.start + m.index + m[0].length });
    }
  }
  // "He claims", "He attributed…" with a person just named
  if (!saidBy && lastPerson && /^(?:He|She) \w+/.test(body)) saidBy = lastPerson;
  return { saidBy, reportedBy, spans };
}

const TITLE_RE = new RegExp(
  `((?:\\p{Lu}[\\p{L}'\u2019.-]*\\s+){0,3}(?:Minister|President|Secretary|Spokesman|Spokeswoman|Spokesperson|Chief|General|Commander|Ambassador|Director|Governor|Mayor|Senator|Envoy|Chancellor|Premier|Leader|Official|Colonel|Admiral|Marshal))\\s+((?:\\p{Lu}[\\p{L}'\u2019-]+\\s+){1,2}\\p{Lu}[\\p{L}'\u2019-]+)`,
  'gu',
);

/** Titled full names anywhere in the text ("Defence Minister Sergei Shoigu"), so a later bare surname
 *  ("Shoigu said") resolves to the person and role. */
export function collectPeople(text: string): Map<string, DraftSpeaker> {
  const people = new Map<string, DraftSpeaker>();
  for (const m of text.matchAll(TITLE_RE)) {
    const name = m[2]!.replace(/['\u2019]s$/, '');
    const last = name.split(/\s+/).pop()!;
    if (!people.has(last)) people.set(last, { name, role: m[1]!.trim() });
  }
  return people;
}

function speakerFrom(np: string, people: Map<string, DraftSpeaker>): DraftSpeaker {
  const sp = splitNameRole(np.replace(/^the /i, ''));
  if (sp.name) {
    const last = sp.name.split(' ').pop()!;
    const known = people.get(last);
    if (known && (!sp.role || sp.name.split(' ').length === 1)) return { ...known, ...(sp.role ? { role: sp.role } : {}) };
    if (sp.name.split(' ').length >= 2) {
      people.set(last, sp);
      return sp;
    }
    if (!sp.role) return { organisation: sp.name };
    return sp;
  }
  return { organisation: np.replace(/^the /i, '') };
}

// ------------------------------------------------------------------------------------------------
// Magnitudes

const NUMBER_UNITS =
  'troops|soldiers|reservists|fighters|militants|people|civilians|refugees|migrants|residents|children|police|officers|personnel|servicemen|marines|tanks|aircraft|jets|helicopters|ships|vessels|drones|missiles|rockets|vehicles|families|households|dead|deaths|casualties|killed|wounded|injured|cases|villages|districts|km|kilometres|kilometers|miles|tonnes|tons|percent|per cent|%';
const MAGNITUDE_RE = new RegExp(
  `\\b(?:(about|around|some|nearly|almost|over|more than|at least|up to|approximately|roughly|an estimated|close to)\\s+)?(\\d{1,3}(?:[,\\u00a0]\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(million|thousand|billion)?\\s*(${NUMBER_UNITS})\\b((?: of (?:the )?[\\p{L}'\\u2019]+(?: [\\p{L}'\\u2019]+)?)?)`,
  'giu',
);
const VAGUE_RE = new RegExp(`\\b(dozens|hundreds|thousands|tens of thousands|millions) of (?:[a-z]+ ){0,2}?(${NUMBER_UNITS})\\b((?: and [a-z]+)?)`, 'gi');
const VAGUE_VALUES: Record<string, number> = { dozens: 24, hundreds: 200, thousands: 2000, 'tens of thousands': 20000, millions: 2000000 };

export function findMagnitude(text: string, s: Span): DraftClaim['magnitude'] {
  const body = text.slice(s.start, s.end);
  MAGNITUDE_RE.lastIndex = 0;
  const m = MAGNITUDE_RE.exec(body);
  if (m) {
    let value = Number(m[2]!.replace(/[,\u00a0]/g, ''));
    const scale = m[3]?.toLowerCase();
    if (scale === 'thousand') value *= 1e3;
    if (scale === 'million') value *= 1e6;
    if (scale === 'billion') value *= 1e9;
    let unit = m[4]!.toLowerCase().replace('per cent', 'percent').replace('%', 'percent');
    if (unit === 'percent' && m[5]) unit = `percent${m[5].replace(/['\u2019]s\b/g, '').replace(/ of the (?:country|nation) /, ' of the ')}`;
    if (Number.isFinite(value)) return { value, unit: unit.trim(), approximate: !!m[1] };
  }
  VAGUE_RE.lastIndex = 0;
  const v = VAGUE_RE.exec(body);
  if (v) return { value: VAGUE_VALUES[v[1]!.toLowerCase()] ?? 0, unit: `${v[2]!.toLowerCase()}${v[3] ?? ''}`, approximate: true };
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// Places and roles

const ROLE_PREP = /\b(from|to|into|towards?|toward|for|in|at|near|inside|across|along|on|over|with|against|between|of|including)\b/gi;
/** What may stand between a preposition and the name it governs: determiners and list items. */
const LIST_MATERIAL = /^\s+(?:(?:the|neighbou?ring|various|other|several|regions?|countries|,|and|or|including|such as)\s*)*(?:(?:\p{Lu}[\p{L}'\u2019-]*\s*)+(?:,\s*|\s*and\s+|\s*or\s+|\s*,\s*and\s+))*\s*$/u;

function roleFromContext(text: string, t: Toponym, kind: ClaimKind, clauseStart: number): PlaceRole | null {
  const before = text.slice(Math.max(clauseStart, t.start - 80), t.start);
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  ROLE_PREP.lastIndex = 0;
  while ((m = ROLE_PREP.exec(before)) !== null) last = m;
  if (!last || !LIST_MATERIAL.test(before.slice(last.index + last[0].length))) return null;
  let prep = last[1]!.toLowerCase();
  // "from various regions, including Syria": the list still hangs on "from".
  if (prep === 'including') {
    const earlier = before.slice(0, last.index);
    const p2 = /\b(from|to|into|in|at)\b[^.;]*$/i.exec(earlier);
    prep = p2 ? p2[1]!.toLowerCase() : 'in';
  }
  const directed = DIRECTED_KINDS.has(kind) || kind === 'threat';
  if (prep === 'from') return directed ? 'origin' : t.kind === 'country' || t.kind === 'region' ? 'area' : 'location';
  if (/^(?:to|into|towards?|toward)$/.test(prep)) return directed ? 'destination' : null;
  if (/^(?:in|at|near|inside|across|along|on|over|between)$/.test(prep)) return t.kind === 'country' || t.kind === 'region' ? 'area' : 'location';
  return null;
}

// ------------------------------------------------------------------------------------------------
// The draft


function idSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function countOccurrences(text: string, needle: string, before: number): { total: number; index: number } {
  let total = 0;
  let index = 0;
  let i = text.indexOf(needle);
  while (i >= 0) {
    total++;
    if (i === before) index = total;
    i = text.indexOf(needle, i + 1);
  }
  return { total, index };
}

function findTitle(text: string): { title: string; span: Span | null } {
  const firstLineEnd = text.indexOf('\n');
  const first = (firstLineEnd < 0 ? text : text.slice(0, firstLineEnd)).trim();
  const rest = firstLineEnd < 0 ? '' : text.slice(firstLineEnd + 1);
  if (first.length > 0 && first.length <= 200 && !/[.!?]["\u201d]?$/.test(first) && (rest.startsWith('\n') || rest.trim() !== '')) {
    const start = text.indexOf(first);
    return { title: first, span: { start, end: start + first.length } };
  }
  const sentence = splitSentences(text)[0];
  const t = sentence ? text.slice(sentence.start, sentence.end) : text.trim();
  return { title: t.length > 120 ? `${t.slice(0, 117).replace(/\s+\S*$/, '')}…` : t, span: null };
}

export function draftArticle(text: string, opts: DraftOptions): Draft {
  const { published, gazetteer } = opts;
  const compilerOnly = opts.compilerIdsOnly ?? true;
  const progress = opts.onProgress ?? ((): void => {});
  progress(0, 'geoparsing');
  const toponyms = geoparse(text, gazetteer);
  progress(0.4, 'tagging times');
  const times = tagTimes(text, published);
  progress(0.6, 'drafting claims');

  const boilerplate = findBoilerplate(text);
  const { title, span: titleSpan } = findTitle(text);
  const inBoilerplate = (s: Span): boolean => boilerplate.some((b) => s.start < b.end && s.end > b.start);

  /** The gazetteer's entry for a toponym found in the text. */
  const placeOf = (t: Toponym): Place | undefined => gazetteer.byName.get(t.name.toLowerCase())?.find((e) => e.place.id === t.id)?.place;
  const usable = (t: Toponym): boolean => {
    if (!compilerOnly) return true;
    if (t.kind === 'admin') return false;
    if (t.kind === 'region') return !!placeOf(t)?.known;
    if (t.kind === 'border' && t.countries) return gazetteer.borders.get(t.countries[0])?.has(t.countries[1]) ?? false;
    return true;
  };
  const places = toponyms.filter(usable);
  const borderSpans = places.filter((t) => t.kind === 'border');
  /** ISO3 of the country a named place lies in (the country itself for a country), or null. */
  const countryOfPlace = (id: string): string | null => {
    const t = places.find((x) => x.id === id);
    return (t && placeOf(t)?.iso3) ?? null;
  };

  const sentences = splitSentences(text).filter((s) => !inBoilerplate(s) && !(titleSpan && s.start >= titleSpan.start && s.end <= titleSpan.end));
  const claims: DraftClaim[] = [];
  const usedIds = new Set<string>();
  const people = collectPeople(text);
  let lastPerson: DraftSpeaker | null = null;
  // Salience of each country so far: "the country" is the one the article is about, "the Central Asian
  // country" the most salient member of Central Asia.
  const salience = new Map<string, { n: number; last: number; t: Toponym }>();
  const countryFor = (phrase: string): Toponym | null => {
    // "the Central Asian country": members of Central Asia; "a troubled Asian country": Asia has no
    // member list, so the most salient country overall.
    const words = /^(?:the|a) ((?:[\p{L}-]+ )?[\p{L}-]+) country$/iu.exec(phrase)?.[1]?.split(' ') ?? [];
    let members: Set<string> | null = null;
    for (const adj of [words.join(' '), words[words.length - 1] ?? ''].filter((w) => w !== '')) {
      const stem = adj.replace(/(?:ian|an|n)$/i, (x) => (x.toLowerCase() === 'ian' ? 'ia' : x.toLowerCase() === 'an' ? 'a' : ''));
      const region = gazetteer.byName.get(stem.toLowerCase())?.find((e) => e.place.kind === 'region');
      const m = region ? gazetteer.regionMembers.get(region.place.id) : undefined;
      if (m && m.length > 0) {
        members = new Set(m);
        break;
      }
    }
    let best: { n: number; last: number; t: Toponym } | null = null;
    for (const [id, v] of salience) {
      if (members && !members.has(id)) continue;
      if (!best || v.n > best.n || (v.n === best.n && v.last > best.last)) best = v;
    }
    return best?.t ?? null;
  };
  let lastPlace: Toponym | null = null;
  let lastWhen: { mention: TimeMention; paragraph: number } | null = null;
  const sources = new Set<string>();

  // A paragraph whose quotation is attributed ("…,” Shoigu said.) lends that speaker to all its sentences.
  const paragraphSpeaker = new Map<number, Attribution>();
  for (const s of sentences) {
    const a = findAttribution(text, s, people, lastPerson);
    if (a.saidBy?.name) lastPerson = a.saidBy;
    if (a.saidBy && /[\u201c\u201d"]/.test(text.slice(s.start, s.end)) && !paragraphSpeaker.has(s.paragraph)) paragraphSpeaker.set(s.paragraph, a);
  }
  people.clear();
  for (const [k, v] of collectPeople(text)) people.set(k, v);
  lastPerson = null;

  const total = sentences.length;
  sentences.forEach((sentence, si) => {
    if (si % 50 === 0) progress(0.6 + (0.35 * si) / Math.max(1, total), 'drafting claims');
    const sText = text.slice(sentence.start, sentence.end);
    let attribution = findAttribution(text, sentence, people, lastPerson);
    if (!attribution.saidBy && paragraphSpeaker.has(sentence.paragraph)) {
      const p = paragraphSpeaker.get(sentence.paragraph)!;
      attribution = { saidBy: p.saidBy, reportedBy: [...new Set([...attribution.reportedBy, ...p.reportedBy])], spans: attribution.spans };
    }
    for (const o of attribution.reportedBy) sources.add(o);
    const sentencePlaces = places.filter((t) => t.start >= sentence.start && t.end <= sentence.end);
    const sentenceTimes = times.filter((t) => t.start >= sentence.start && t.end <= sentence.end);

    // Denial: "…, which the government in Kabul denies."
    const denial = /\b(?:which|but|a claim|claims that)\s+((?:the\s+)?[\p{L}\s'\u2019-]{2,60}?)\s+(?:denies|denied|has denied|rejects|rejected|dismissed|disputes)\b/iu.exec(sText);

    const clauses = splitClauses(text, sentence);
    const sentenceClaims: DraftClaim[] = [];
    for (const clause of clauses) {
      const cText = text.slice(clause.start, clause.end);
      if (denial && sentence.start + denial.index >= clause.start && sentence.start + denial.index < clause.end && /^(?:which|but)/i.test(cText)) continue;
      let kind: ClaimKind | null = null;
      let kindHits = 0;
      for (const [k, re] of KIND_PATTERNS) {
        if (re.test(cText)) {
          if (!kind) kind = k;
          kindHits++;
        }
      }
      // "fears of infiltration", "fears that fighters will cross": the claim is the fear.
      if (/\bfears?\b[^.;]{0,30}?\b(?:of|that)\b/i.test(cText)) kind = 'threat';
      const inClause = (t: { start: number; end: number }): boolean => t.start >= clause.start && t.end <= clause.end;
      let clausePlaces = sentencePlaces.filter(inClause);
      // Places that are part of the speaker's attribution ("Russia’s Defense Minister … told") or of a
      // border phrase are not the claim's own.
      clausePlaces = clausePlaces.filter(
        (t) => !attribution.spans.some((a) => t.start >= a.start && t.end <= a.end) || kind === null,
      );
      clausePlaces = clausePlaces.filter((t) => t.kind === 'border' || !borderSpans.some((b) => b.id !== t.id && t.start >= b.start && t.end <= b.end));
      if (!kind && attribution.saidBy) kind = 'statement';
      if (!kind) continue;

      // Coreference the drafts can afford: "the country", "there".
      const extra: { t: Toponym; role: PlaceRole | null }[] = [];
      const countryRef = /\b(?:the (?:[\p{L}-]+ ){0,2}?|a (?:[\p{L}-]+ ){1,2}?)country\b(?!['\u2019]s history)/iu.exec(cText);
      const referent = countryRef ? countryFor(countryRef[0]) : null;
      if (countryRef && referent && !clausePlaces.some((t) => t.id === referent.id)) {
        const at = clause.start + countryRef.index;
        const fake: Toponym = { ...referent, start: at, end: at + countryRef[0].length, demonym: false };
        extra.push({ t: fake, role: roleFromContext(text, fake, kind, clause.start) });
      }
      // "Russia has seen…", "Moscow fears…": the country is the observer, not the claim's place.
      const observer = /^(?:[\p{L}’']+ ){0,3}?(?:has |have |had )?(?:seen|observed|says|said|warns|warned|fears|feared|believes|believed|claims|claimed|accuses|accused|denies|denied)\b/u.exec(cText);
      let clauseSpeaker = attribution.saidBy;
      if (observer) {
        const obs = clausePlaces.find((t) => t.start - clause.start < observer[0].length && (t.kind === 'country' || (t.kind === 'city' && gazetteer.byName.get(t.name.toLowerCase())?.some((e) => e.place.capital))));
        if (obs) {
          clausePlaces = clausePlaces.filter((t) => t !== obs);
          const country = obs.kind === 'country' ? obs.name : (gazetteer.countries.get(gazetteer.byName.get(obs.name.toLowerCase())?.find((e) => e.place.capital)?.place.iso3 ?? '')?.name ?? obs.name);
          if (!clauseSpeaker) clauseSpeaker = { organisation: `Government of ${country}` };
        }
      }
      if (/\bthere\b/.test(cText) && lastPlace && DIRECTED_KINDS.has(kind) && !clausePlaces.some((t) => t.id === lastPlace!.id)) {
        extra.push({ t: lastPlace, role: 'destination' });
      }

      const roles: DraftPlace[] = [];
      const addPlace = (id: string, role: PlaceRole): void => {
        const prev = roles.find((r) => r.id === id);
        if (!prev) roles.push({ id, role });
        else if ((prev.role === 'area' || prev.role === 'location' || prev.role === 'participant') && (role === 'origin' || role === 'destination')) prev.role = role;
      };
      const subjectEnd = clause.start + (/\b(?:is|are|was|were|has|have|had|will|would|launched|began|\w+ed)\b/.exec(cText)?.index ?? 0);
      for (const t of clausePlaces) {
        if (t.demonym && kind !== 'displacement' && kind !== 'movement') continue;
        let role = roleFromContext(text, t, kind, clause.start);
        if (!role) {
          if (t.demonym) role = 'origin';
          else if ((kind === 'exercise' || kind === 'mobilization' || kind === 'presence') && t.kind === 'country' && t.end <= subjectEnd) role = 'participant';
          else if (kind === 'assistance' && t.end <= subjectEnd) role = 'origin';
          else if (t.kind === 'country' || t.kind === 'region') role = 'area';
          else role = 'location';
        }
        addPlace(t.id, role);
      }
      for (const e of extra) addPlace(e.t.id, e.role ?? (e.t.kind === 'country' ? 'area' : 'location'));
      // A flow needs both ends: displaced people of one country fleeing to another named in the sentence.
      if (kind === 'displacement' && roles.some((r) => r.role === 'origin') && !roles.some((r) => r.role === 'destination')) {
        const area = roles.find((r) => r.role === 'area' && gazetteer.countries.has(r.id));
        const other = sentencePlaces.find((t) => t.kind === 'country' && !t.demonym && !roles.some((r) => r.id === t.id));
        if (area) area.role = 'destination';
        else if (other) addPlace(other.id, 'destination');
      }
      // "Afghan refugees fled from Kabul": the people's country adds nothing to a flow that names a place
      // inside it at the same end; the arc starts (or ends) at the more precise place only.
      for (const end of ['origin', 'destination'] as const) {
        const within = new Set(roles.filter((r) => r.role === end && !gazetteer.countries.has(r.id)).map((r) => countryOfPlace(r.id)));
        for (let i = roles.length - 1; i >= 0; i--) if (roles[i]!.role === end && within.has(roles[i]!.id)) roles.splice(i, 1);
      }
      // "…by asking for help and mobilizing 20,000 reservists": a clause without a place of its own acts
      // where the sentence's subject is.
      if (roles.length === 0 && kind !== 'statement') {
        for (const t of sentencePlaces) {
          if (t.demonym || attribution.spans.some((a) => t.start >= a.start && t.end <= a.end)) continue;
          const place = t.kind === 'city' ? placeOf(t) : undefined;
          if (place?.capital && t.start - sentence.start < 20) {
            // A capital as the sentence's subject stands for its government: "Dushanbe responded".
            if (place.iso3) addPlace(place.iso3, 'participant');
            continue;
          }
          addPlace(t.id, t.kind === 'country' || t.kind === 'region' ? 'area' : 'location');
        }
      }
      // An event with no place named in its sentence ("It has since occupied large rural areas") happens
      // in the country the article is about; drafted with lower confidence.
      let placeGuessed = false;
      if (roles.length === 0 && kind !== 'statement') {
        const focus = countryFor('the country');
        if (focus) {
          addPlace(focus.id, 'area');
          placeGuessed = true;
        }
      }
      if (roles.length === 0) continue;
      // Participants are not drawn: a claim with only participants shows the first as its area.
      if (roles.every((r) => r.role === 'participant')) roles[0]!.role = 'area';

      // When: the clause's own time, else the sentence's, else the paragraph's last, else publication.
      const mention =
        sentenceTimes.find(inClause) ?? sentenceTimes[0] ?? (lastWhen && lastWhen.paragraph === sentence.paragraph ? lastWhen.mention : undefined);
      const when = whenFrom(mention, published, !!sentenceTimes.find(inClause) || !!sentenceTimes[0]);

      const placeNames = roles
        .slice(0, 4)
        .map((r) => places.find((t) => t.id === r.id)?.name ?? extra.find((e) => e.t.id === r.id)?.t.name ?? r.id)
        .map((n) => idSlug(n).split('-').slice(0, 2).join('-'));
      let id = idSlug([kind, ...placeNames].join('-')).slice(0, 60).replace(/-+$/, '');
      for (let n = 2; usedIds.has(id); n++) id = `${idSlug([kind, ...placeNames].join('-')).slice(0, 56)}-${n}`;
      usedIds.add(id);

      const quote = cText;
      const occ = countOccurrences(text, quote, clause.start);
      const magnitude = findMagnitude(text, clause);
      const actors = findActors(text, clause, gazetteer, attribution);
      let confidence = 0.35 + (kind === 'statement' ? 0 : 0.15) + (kindHits === 1 ? 0.1 : 0) + (mention ? 0.1 : 0);
      if (roles.some((r) => r.role === 'origin') && roles.some((r) => r.role === 'destination')) confidence += 0.1;
      if (attribution.saidBy || attribution.reportedBy.length > 0) confidence += 0.05;
      if (placeGuessed) confidence -= 0.15;
      confidence = Math.min(0.9, Math.round(confidence * 100) / 100);

      const speaker = clauseSpeaker;
      const claim: DraftClaim = {
        id,
        kind,
        summary: summarise(kind, roles, places, speaker, quote),
        quote,
        ...(occ.total > 1 ? { occurrence: occ.index } : {}),
        saidBy: speaker,
        reportedBy: attribution.reportedBy,
        stance: 'asserted',
        when,
        places: roles,
        actors,
        ...(magnitude ? { magnitude } : {}),
        review: 'draft',
        confidence,
        span: { start: clause.start, end: clause.end },
      };
      sentenceClaims.push(claim);
    }

    if (denial && sentenceClaims.length > 0) {
      const target = sentenceClaims[sentenceClaims.length - 1]!;
      const dStart = sentence.start + denial.index;
      const dEnd = dStart + denial[0].length;
      const dQuote = text.slice(dStart, dEnd);
      const who = denial[1]!.replace(/^the\s+/i, '').trim();
      const dPlaces = places.filter((t) => t.start >= dStart && t.end <= dEnd && !t.demonym);
      let did = idSlug(`denial-${target.id}`).slice(0, 60);
      for (let n = 2; usedIds.has(did); n++) did = `${idSlug(`denial-${target.id}`).slice(0, 56)}-${n}`;
      usedIds.add(did);
      const occ = countOccurrences(text, dQuote, dStart);
      target.stance = 'disputed';
      target.counterClaim = did;
      sentenceClaims.push({
        id: did,
        kind: target.kind,
        summary: `${who.charAt(0).toUpperCase()}${who.slice(1)} denies: ${target.summary}`.slice(0, 200),
        quote: dQuote,
        ...(occ.total > 1 ? { occurrence: occ.index } : {}),
        saidBy: { organisation: who.charAt(0).toUpperCase() + who.slice(1) },
        reportedBy: target.reportedBy,
        stance: 'denied',
        counterClaim: target.id,
        when: target.when,
        places: dPlaces.length > 0 ? dPlaces.map((t) => ({ id: t.id, role: t.kind === 'country' ? 'area' : 'location' })) : target.places,
        actors: [who],
        review: 'draft',
        confidence: Math.max(0.3, target.confidence - 0.1),
        span: { start: dStart, end: dEnd },
      });
    }
    claims.push(...sentenceClaims);

    // Context for the next sentences.
    if (attribution.saidBy?.name) lastPerson = attribution.saidBy;
    for (const t of sentencePlaces) {
      if (t.kind !== 'country' || t.demonym) continue;
      const v = salience.get(t.id) ?? { n: 0, last: 0, t };
      v.n++;
      v.last = t.start;
      salience.set(t.id, v);
    }
    const anyPlace = sentencePlaces.filter((t) => !t.demonym);
    if (anyPlace.length > 0) lastPlace = anyPlace[anyPlace.length - 1]!;
    if (sentenceTimes.length > 0) lastWhen = { mention: sentenceTimes[sentenceTimes.length - 1]!, paragraph: sentence.paragraph };
  });

  progress(0.95, 'writing YAML');
  const meta: DraftMeta = {
    title,
    published,
    publishedConfidence: 'low',
    publishedEvidence: 'Given to ingest by the user (--published); not checked against the text.',
    outlet: null,
    sources: [...sources],
    language: 'en',
    originalLanguage: null,
    translation: null,
    url: null,
    provenanceNote: 'Drafted by ingest from plain text; title taken from the first line. Review before publishing.',
    review: 'draft',
    boilerplate: boilerplate.map((b) => {
      const quote = text.slice(b.start, b.end);
      const occ = countOccurrences(text, quote, b.start);
      return occ.total > 1 ? { quote, occurrence: occ.index } : { quote };
    }),
  };
  const draft: Draft = { meta, claims, toponyms, times, metaYaml: '', claimsYaml: '' };
  draft.metaYaml = metaToYaml(meta);
  draft.claimsYaml = claimsToYaml(claims, opts.slug);
  progress(1, 'done');
  return draft;
}

function whenFrom(mention: TimeMention | undefined, published: string, own: boolean): DraftWhen {
  if (!mention) {
    return {
      phrase: null,
      start: published,
      end: addDays(published, 1),
      precision: 'approximate',
      basis: 'The sentence gives no time; drafted as current at publication.',
    };
  }
  const byRule = resolvePhrase(mention.text, published);
  const same = byRule && byRule.start === mention.start_date && byRule.end === mention.end_date && byRule.precision === mention.precision;
  if (same) return { phrase: mention.text };
  return {
    phrase: mention.text,
    start: mention.start_date,
    end: mention.end_date,
    precision: mention.precision,
    basis: own
      ? `Drafted by the ingest time tagger (${mention.source === 'rule' ? `${mention.tense} tense` : 'calendar date'}).`
      : `Taken from "${mention.text}" earlier in the paragraph.`,
  };
}

function findActors(text: string, s: Span, gaz: Gazetteer, attribution: Attribution): string[] {
  const body = text.slice(s.start, s.end);
  const out: string[] = [];
  const re = /\b(?:the )?((?:\p{Lu}[\p{L}-]*)(?: (?:\p{Lu}[\p{L}-]*|of|the|al|and)){0,4}(?: \((?:\p{Lu}+)\))?)/gu;
  for (const m of body.matchAll(re)) {
    const name = m[1]!.replace(/ (?:of|the|and)$/, '').replace(/ \(\p{Lu}+\)$/u, '');
    const at = s.start + m.index!;
    if (name.split(/ and | /).some((w) => gaz.byName.has(w.toLowerCase()) && /^\p{Lu}/u.test(w) && gaz.countries.has(gaz.byName.get(w.toLowerCase())![0]!.place.id))) continue;
    if (/ and /.test(name)) continue;
    if (m.index === 0 && /^(?:The|A|An|In|At|On|It|He|She|They|We|But|However|During|Last|This|That|There)$/.test(name)) continue;
    if (gaz.byName.has(name.toLowerCase()) || gaz.byAbbrev.has(name)) continue;
    if (/^(?:The|A|An|In|At|On|It|He|She|They|We|But|However|During|Last|This|That|There|Of|Course|See|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\b/.test(name))
      continue;
    if (attribution.spans.some((a) => at >= a.start && at < a.end)) continue;
    if (isOutlet(name)) continue;
    if (!out.includes(name)) out.push(name);
    if (out.length >= 4) break;
  }
  return out;
}

function summarise(kind: ClaimKind, roles: DraftPlace[], places: Toponym[], speaker: DraftSpeaker | null, quote: string): string {
  const name = (id: string): string => places.find((t) => t.id === id && !t.demonym)?.name ?? places.find((t) => t.id === id)?.name ?? id;
  const from = roles.filter((r) => r.role === 'origin').map((r) => name(r.id));
  const to = roles.filter((r) => r.role === 'destination').map((r) => name(r.id));
  const at = roles.filter((r) => r.role !== 'origin' && r.role !== 'destination').map((r) => name(r.id));
  let where = '';
  if (from.length || to.length) where = `${from.length ? ` from ${from.join(', ')}` : ''}${to.length ? ` to ${to.join(', ')}` : ''}`;
  else if (at.length) where = ` in ${at.slice(0, 3).join(', ')}`;
  const who = speaker?.name ?? speaker?.organisation;
  const head = `${KIND_LABELS[kind]}${where}${who ? ` (${who})` : ''}`;
  const words = quote.replace(/\s+/g, ' ');
  const tail = words.length > 90 ? `${words.slice(0, 87).replace(/\s+\S*$/, '')}…` : words;
  return `${head}: “${tail}”`;
}

// ------------------------------------------------------------------------------------------------
// YAML

function yamlString(doc: Document): string {
  return doc.toString({ lineWidth: 0, minContentWidth: 0, doubleQuotedMinMultiLineLength: 100000 });
}

export function metaToYaml(meta: DraftMeta): string {
  const doc = new Document(meta, { aliasDuplicateObjects: false });
  doc.commentBefore = ' Drafted by `npm run ingest` (review: draft). Check every field before marking it curated.';
  return yamlString(doc);
}

export function claimsToYaml(claims: DraftClaim[], slug: string): string {
  const plain = claims.map((c) => {
    const { span: _span, ...rest } = c;
    void _span;
    const o: Record<string, unknown> = { ...rest };
    if (!c.magnitude) delete o['magnitude'];
    return o;
  });
  const doc = new Document({ claims: plain }, { aliasDuplicateObjects: false });
  doc.commentBefore = ` Claims drafted by ingest for ${slug}: every claim is review: draft with the extractor's confidence.\n Quotes are exact words from article.txt; check kinds, places, roles and intervals.`;
  return yamlString(doc);
}
