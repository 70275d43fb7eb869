/**
 * GeoVirus (Gritta et al. 2018, WikiNews articles about disease outbreaks) reader and toponym scoring.
 * The file is test data: it is read from outside the repository and never copied into it.
 * Format: <articles><article><source/><text/><locations><location><name/><start/><end/><lat/><lon/>
 * <page/></location>…</locations></article>…</articles>. Its offsets are 1-based ([start-1, end-1) in the
 * text); a few are not, so each gold span is aligned to the nearest occurrence of its name.
 */
import type { Toponym } from '../../src/ingest/geoparse';

export interface GoldToponym {
  start: number;
  end: number;
  name: string;
  lat: number;
  lon: number;
}
export interface GoldArticle {
  source: string;
  text: string;
  gold: GoldToponym[];
  unaligned: number;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

const field = (xml: string, tag: string): string | null => {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m ? decode(m[1]!) : null;
};

export function parseGeoVirus(xml: string): GoldArticle[] {
  if (!/<articles>/.test(xml)) throw new Error('not a GeoVirus file: no <articles> element');
  const out: GoldArticle[] = [];
  for (const a of xml.matchAll(/<article>([\s\S]*?)<\/article>/g)) {
    const body = a[1]!;
    const text = field(body, 'text') ?? '';
    const gold: GoldToponym[] = [];
    let unaligned = 0;
    for (const l of body.matchAll(/<location>([\s\S]*?)<\/location>/g)) {
      const name = field(l[1]!, 'name') ?? '';
      const s = Number(field(l[1]!, 'start'));
      const lat = Number(field(l[1]!, 'lat'));
      const lon = Number(field(l[1]!, 'lon'));
      if (name.trim() === '' || !Number.isFinite(s) || !Number.isFinite(lat) || !Number.isFinite(lon)) {
        unaligned++;
        continue;
      }
      let start = -1;
      for (let d = 0; d <= 60 && start < 0; d++) {
        for (const c of [s - 1 - d, s - 1 + d]) {
          if (c >= 0 && text.startsWith(name, c)) {
            start = c;
            break;
          }
        }
      }
      if (start < 0) {
        unaligned++;
        continue;
      }
      gold.push({ start, end: start + name.length, name, lat, lon });
    }
    out.push({ source: field(body, 'source') ?? '', text, gold, unaligned });
  }
  return out;
}

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const dLat = (lat2 - lat1) * r;
  const dLon = (lon2 - lon1) * r;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface ToponymScore {
  gold: number;
  predicted: number;
  tp: number;
  precision: number;
  recall: number;
  f1: number;
  errorsKm: number[];
  acc161: number;
  medianKm: number;
  meanKm: number;
}

export interface ScoreOptions {
  /** Predicted demonyms ("Russian") that overlap no gold span are not counted: the gold annotates
   *  only names, while the brief counts demonyms as their country. */
  demonymsNeutral: boolean;
}

/** Span-overlap matching, one prediction per gold span, greedy in text order. */
export function scoreArticle(gold: GoldToponym[], predicted: Toponym[], opts: ScoreOptions) {
  const preds = predicted.filter((p) => p.kind !== 'border');
  const used = new Set<number>();
  const errors: number[] = [];
  let tp = 0;
  const missed: GoldToponym[] = [];
  for (const g of gold) {
    let bestK = -1;
    let bestOverlap = 0;
    preds.forEach((p, k) => {
      if (used.has(k)) return;
      const ov = Math.min(g.end, p.end) - Math.max(g.start, p.start);
      if (ov > bestOverlap) {
        bestOverlap = ov;
        bestK = k;
      }
    });
    if (bestK >= 0) {
      used.add(bestK);
      tp++;
      const p = preds[bestK]!;
      errors.push(haversineKm(g.lat, g.lon, p.lat, p.lon));
    } else missed.push(g);
  }
  const spurious = preds.filter((p, k) => !used.has(k) && !(opts.demonymsNeutral && p.demonym));
  return { tp, predicted: tp + spurious.length, gold: gold.length, errors, missed, spurious };
}

export function summarise(tp: number, predicted: number, gold: number, errorsKm: number[]): ToponymScore {
  const precision = predicted ? tp / predicted : 0;
  const recall = gold ? tp / gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const sorted = [...errorsKm].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const medianKm = sorted.length === 0 ? NaN : sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    gold,
    predicted,
    tp,
    precision,
    recall,
    f1,
    errorsKm,
    acc161: sorted.length ? sorted.filter((e) => e <= 161).length / sorted.length : 0,
    medianKm,
    meanKm: sorted.length ? sorted.reduce((s, e) => s + e, 0) / sorted.length : NaN,
  };
}

interface DevNewsFile {
  articles: { text: string; gold: { name: string; occurrence?: number; lat: number | null; lon: number | null }[] }[];
}

/**
 * The project's own hand-annotated news paragraphs (dev-news.json): a check that a change generalises
 * beyond GeoVirus. A gold entry without coordinates counts for precision and recall only (lat/lon NaN).
 */
export function parseDevNews(json: string, file = 'dev-news.json'): GoldArticle[] {
  const doc = JSON.parse(json) as DevNewsFile;
  return doc.articles.map((a, i) => {
    const gold = a.gold.map((g, j) => {
      let at = -1;
      for (let k = 0; k < (g.occurrence ?? 1); k++) {
        at = a.text.indexOf(g.name, at + 1);
        if (at < 0) throw new Error(`${file}: articles[${i}].gold[${j}]: "${g.name}" occurrence ${g.occurrence ?? 1} is not in the text`);
      }
      return { start: at, end: at + g.name.length, name: g.name, lat: g.lat ?? NaN, lon: g.lon ?? NaN };
    });
    return { source: `${file}#${i}`, text: a.text, gold: gold.sort((x, y) => x.start - y.start), unaligned: 0 };
  });
}
