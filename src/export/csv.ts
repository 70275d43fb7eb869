/**
 * The claims in view as CSV: one row per claim, the columns of flatten.ts. RFC 4180: fields with a comma,
 * quote, CR or LF are quoted, quotes doubled, records end in CRLF. Spreadsheet safety (OWASP "CSV
 * injection"): a text cell starting with = + - @, a tab or a CR is prefixed with ' so Excel, LibreOffice
 * and Sheets show it as text instead of running it. Quotes and names come from the outside world, so
 * every string is treated that way; numbers we formatted ourselves cannot hold a formula and stay numeric.
 */
import type { ArticleMeta, Claim } from '../domain/types';
import { CLAIM_COLUMNS, flattenClaim, type FlatValue } from './flatten';

/** Excel reads a BOM-less CSV as the local code page and garbles “curly quotes” and non-Latin names. */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** Text that a spreadsheet would evaluate gets a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: FlatValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly FlatValue[]): string {
  return values.map(csvCell).join(',');
}

type ArticleColumns = Pick<ArticleMeta, 'slug' | 'title' | 'published' | 'url'>;

/** `article`: the one article of every claim, or (all-articles view) a function giving each claim's own. */
export function claimsToCsv(
  claims: readonly Claim[],
  article: ArticleColumns | ((claim: Claim) => ArticleColumns),
  options: { bom?: boolean } = {},
): string {
  const rows = [csvRow([...CLAIM_COLUMNS])];
  for (const claim of claims) {
    const flat = flattenClaim(claim, typeof article === 'function' ? article(claim) : article);
    rows.push(csvRow(CLAIM_COLUMNS.map((c) => flat[c])));
  }
  return `${options.bom === false ? '' : UTF8_BOM}${rows.join('\r\n')}\r\n`;
}
