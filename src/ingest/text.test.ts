import { describe, expect, it } from 'vitest';
import { IngestInputError, MAX_INPUT_BYTES, checkPublished, checkSlug, decodeArticle, slugify } from './text';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeArticle', () => {
  it('decodes UTF-8 and drops a byte-order mark', () => {
    expect(decodeArticle(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes('Kabul – ok')]), 'a.txt')).toBe('Kabul – ok');
  });

  it('refuses an empty or blank file, naming it', () => {
    expect(() => decodeArticle(new Uint8Array(0), 'empty.txt')).toThrow(/empty\.txt: the article is empty/);
    expect(() => decodeArticle(bytes(' \n\t\n'), 'blank.txt')).toThrow(/blank\.txt: the article is empty/);
  });

  it('refuses bytes that are not UTF-8, with the offset of the first bad byte', () => {
    const latin1 = new Uint8Array([...bytes('Caf'), 0xe9, ...bytes(' in Kabul')]);
    expect(() => decodeArticle(latin1, 'latin1.txt')).toThrow(/latin1\.txt: not valid UTF-8 text \(first bad byte at offset 3\)/);
  });

  it('refuses binary data even when it happens to be valid UTF-8', () => {
    expect(() => decodeArticle(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'x.zip')).toThrow(/x\.zip:1: binary data/);
  });

  it('refuses input over the size limit before decoding it', () => {
    const big = new Uint8Array(MAX_INPUT_BYTES + 1).fill(0x61);
    expect(() => decodeArticle(big, 'big.txt')).toThrow(/big\.txt: 10\.0 MB is over the 10 MB limit/);
  });

  it('throws IngestInputError (an input problem, not a crash)', () => {
    expect(() => decodeArticle(new Uint8Array(0), 'e')).toThrow(IngestInputError);
  });
});

describe('checkPublished', () => {
  it('accepts a real date', () => expect(checkPublished('2021-07-28')).toBe('2021-07-28'));
  it('requires the flag', () => expect(() => checkPublished(undefined)).toThrow(/--published YYYY-MM-DD is required/));
  it('refuses another format', () => expect(() => checkPublished('28.7.2021')).toThrow(/--published: "28\.7\.2021" is not in YYYY-MM-DD form/));
  it('refuses a date that does not exist', () => expect(() => checkPublished('2021-02-30')).toThrow(/--published: "2021-02-30" is not a calendar date/));
});

describe('slugs', () => {
  it('derives a slug from a title, cut at a word boundary', () => {
    expect(slugify('Jihadists from Syria and Libya are moving to Afghanistan, warns Russia')).toBe('jihadists-from-syria-and-libya-are-moving-to-afghanistan');
    expect(slugify('Ústí nad Labem: flood')).toBe('usti-nad-labem-flood');
    expect(slugify('!!!')).toBe('article-untitled');
  });
  it('refuses a slug the data folder cannot have', () => {
    expect(() => checkSlug('Bad Slug')).toThrow(/--slug: "Bad Slug" must match/);
    expect(checkSlug('ok-slug')).toBe('ok-slug');
  });
});
