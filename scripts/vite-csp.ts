/**
 * A strict Content-Security-Policy for the BUILT app (issue 6), injected as the first thing in <head> of
 * dist/index.html (a CSP <meta> only governs what comes after it). The dev server is left alone: Vite's
 * HMR client needs inline scripts and a websocket.
 *
 *   default-src 'self'                  everything not listed below: this origin only
 *   script-src 'self'                   the bundle; no inline script, no eval — injected markup cannot run
 *   style-src 'self'                    the built CSS file. React's `style` props and MapLibre's positioning
 *                                       go through the CSSOM (element.style.x = …), which CSP does not
 *                                       govern, so no 'unsafe-inline' is needed (the security e2e test
 *                                       listens for violations to prove it)
 *   img-src 'self' data: blob:          the favicon placeholder, canvas exports
 *   worker-src 'self' blob:             MapLibre's worker file
 *   connect-src 'self' [basemap]        data, offline basemap; plus the origin of VITE_BASEMAP_STYLE_URL
 *                                       (and VITE_BASEMAP_EXTRA_ORIGINS, comma-separated, for styles whose
 *                                       tiles, glyphs or sprites live on other hosts) when configured
 *   object-src 'none'; base-uri 'none'; form-action 'none'
 *
 * `frame-ancestors` (who may embed the app in an iframe) is ignored in a <meta> policy: the host serving
 * dist/ must send it as an HTTP header, e.g. `Content-Security-Policy: frame-ancestors 'self'
 * https://newsroom.example` — and must not send `X-Frame-Options: DENY` if embeds are wanted.
 */
import type { Plugin, ResolvedConfig } from 'vite';

export interface CspOptions {
  /** VITE_BASEMAP_STYLE_URL: a hosted MapLibre style; its origin may be fetched from. */
  basemapStyleUrl?: string | undefined;
  /** VITE_BASEMAP_EXTRA_ORIGINS: more origins the hosted style needs (tiles, glyphs, sprites). */
  extraOrigins?: string | undefined;
}

/** The origin of an http(s) URL, or an Error saying why it cannot go into a policy. */
function originOf(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`${name}=${JSON.stringify(value)} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${name}=${JSON.stringify(value)}: only http(s) origins can be allowed by the Content-Security-Policy`);
  }
  // URL.origin is scheme://host[:port] — nothing in it can end a directive (no spaces, no ';').
  return url.origin;
}

export function contentSecurityPolicy(options: CspOptions = {}): string {
  const connect = ["'self'"];
  if (options.basemapStyleUrl?.trim()) connect.push(originOf(options.basemapStyleUrl, 'VITE_BASEMAP_STYLE_URL'));
  for (const extra of (options.extraOrigins ?? '').split(',').filter((s) => s.trim())) {
    connect.push(originOf(extra, 'VITE_BASEMAP_EXTRA_ORIGINS'));
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    `connect-src ${[...new Set(connect)].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function cspMetaTag(policy: string): string {
  return `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`;
}

/** Insert the policy right after <meta charset>, or first in <head>; refuse HTML without a <head>. */
export function injectCsp(html: string, policy: string): string {
  const tag = cspMetaTag(policy);
  const charset = /<meta\s+charset=[^>]*>/i.exec(html);
  if (charset) {
    const at = charset.index + charset[0].length;
    return `${html.slice(0, at)}\n    ${tag}${html.slice(at)}`;
  }
  const head = /<head[^>]*>/i.exec(html);
  if (!head) throw new Error('vite-csp: index.html has no <head>; cannot add the Content-Security-Policy');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n    ${tag}${html.slice(at)}`;
}

export function cspPlugin(): Plugin {
  let config: ResolvedConfig | null = null;
  return {
    name: 'claim-atlas-csp',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const env = config?.env ?? {};
        const policy = contentSecurityPolicy({
          basemapStyleUrl: env['VITE_BASEMAP_STYLE_URL'] as string | undefined,
          extraOrigins: env['VITE_BASEMAP_EXTRA_ORIGINS'] as string | undefined,
        });
        return injectCsp(html, policy);
      },
    },
  };
}
