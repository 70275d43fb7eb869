/**
 * `?embed=1`: the compact layout for a newsroom iframe (map, timeline, detail; no side reader). The flag is
 * read once at start-up and kept in the query string when the URL sync rewrites it, so a reload inside
 * the iframe stays compact. Only the exact value "1" turns it on; anything else is the full app.
 */

const EMBED_PARAM = /(?:^|[?&])embed=1(?:&|$)/;

export function isEmbedSearch(search: string): boolean {
  return EMBED_PARAM.test(search);
}

/** The flag for this page load. */
export const EMBED_MODE: boolean = typeof location !== 'undefined' && isEmbedSearch(location.search);

/** Put `embed=1` back on a query the URL sync built from the store ("" or "?a=…"). */
export function withEmbedFlag(query: string, embed: boolean = EMBED_MODE): string {
  if (!embed) return query;
  return query === '' ? '?embed=1' : `?embed=1&${query.slice(1)}`;
}
