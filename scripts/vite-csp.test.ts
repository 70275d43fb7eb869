import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, injectCsp } from './vite-csp';

const directives = (policy: string) => Object.fromEntries(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('the built app’s Content-Security-Policy', () => {
  it('allows scripts, styles and connections from the origin only, and nothing inline or evaluated', () => {
    const p = directives(contentSecurityPolicy());
    expect(p['script-src']).toEqual(["'self'"]);
    expect(p['style-src']).toEqual(["'self'"]);
    expect(p['connect-src']).toEqual(["'self'"]);
    expect(p['object-src']).toEqual(["'none'"]);
    expect(p['base-uri']).toEqual(["'none'"]);
    expect(p['form-action']).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe|\*|frame-ancestors/);
  });

  it('adds only the origin of a configured basemap style (and extra origins) to connect-src', () => {
    const p = directives(
      contentSecurityPolicy({
        basemapStyleUrl: 'https://tiles.example.com/styles/v1/style.json?key=SECRET',
        extraOrigins: 'https://fonts.example.org/glyphs, https://tiles.example.com',
      }),
    );
    expect(p['connect-src']).toEqual(["'self'", 'https://tiles.example.com', 'https://fonts.example.org']);
    expect(JSON.stringify(p)).not.toContain('SECRET');
  });

  it.each(['javascript:alert(1)', "https://x.example; script-src 'unsafe-inline'", 'not a url', 'data:text/plain,x'])(
    'refuses to build with a basemap URL that is not an http(s) origin: %j',
    (bad) => {
      let policy = '';
      try {
        policy = contentSecurityPolicy({ basemapStyleUrl: bad });
      } catch (err) {
        expect(String(err)).toMatch(/VITE_BASEMAP_STYLE_URL/);
        return;
      }
      // A URL that parses (the '; script-src' one) contributes its origin only, never its path.
      expect(directives(policy)['script-src']).toEqual(["'self'"]);
      expect(policy).not.toContain('unsafe');
    },
  );

  it('puts the meta right after <meta charset>, before any script or stylesheet', () => {
    const html = '<!doctype html><html><head>\n<meta charset="UTF-8" />\n<script type="module" src="/a.js"></script></head></html>';
    const out = injectCsp(html, contentSecurityPolicy());
    const meta = out.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(out.indexOf('charset'));
    expect(meta).toBeLessThan(out.indexOf('<script'));
    expect(out).toContain(`content="default-src 'self'; script-src 'self';`);
    expect(() => injectCsp('<p>no head</p>', 'x')).toThrow(/no <head>/);
  });
});
