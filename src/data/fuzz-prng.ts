/**
 * A small seeded PRNG for the fuzz tests (mulberry32): the same seed gives the same cases on every
 * machine, so a failure report ("case 417 of seed 0x5eed") reproduces exactly.
 */
export interface Rng {
  /** [0, 1) */
  next(): number;
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]) => items[int(0, items.length - 1)]!,
    chance: (p: number) => next() < p,
  };
}

/** Strings that have broken parsers, renderers and prototypes elsewhere. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '<script>alert(1)</script>',
  '<img src=x onerror="window.__pwned=1">',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  '__proto__',
  'constructor',
  'prototype',
  '../../../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '//evil.example/x.json',
  'https://evil.example/data/index.json',
  'data:text/html,<script>alert(1)</script>',
  '%',
  '%E0%A4%A',
  '%00',
  '\u0000\u0001\u001f',
  '\u202e\u2066evil',
  '\ud800',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '0x10',
  '9999-99-99',
  '2021-02-30',
  '0000-00-00',
  '=HYPERLINK("http://evil.example")',
  '+cmd|\' /C calc\'!A0',
  '@SUM(1+1)',
  '{"__proto__":{"polluted":1}}',
  'Ω≈ç√∫˜µ≤≥÷ 田中さん 🇷🇺🚀 مرحبا',
  'a'.repeat(5000),
];
