import { describe, expect, it } from 'vitest';
import { tagTimes } from './times';
import type { TimeMention } from './times';

const P = '2021-07-28'; // a Wednesday
const find = (text: string, phrase: string): TimeMention | undefined => {
  const i = text.indexOf(phrase);
  return tagTimes(text, P).find((t) => t.start === i && t.text === phrase);
};

describe('tagTimes', () => {
  it('resolves "today" to the publication day, with exact offsets', () => {
    const text = 'Shoigu told reporters today that Russia will help.';
    const t = find(text, 'today');
    expect(t).toMatchObject({ start_date: '2021-07-28', end_date: '2021-07-29', precision: 'day' });
    expect(text.slice(t!.start, t!.end)).toBe('today');
  });

  it('reads "next week" and "last week" as ISO weeks (Monday to Sunday, half-open)', () => {
    expect(find('They will hold an exercise next week.', 'next week')).toMatchObject({ start_date: '2021-08-02', end_date: '2021-08-09', precision: 'week' });
    expect(find('Last week, the army held drills.', 'Last week')).toMatchObject({ start_date: '2021-07-19', end_date: '2021-07-26', precision: 'week' });
  });

  it('reads a bare month as its most recent past occurrence, or the next one in a future clause', () => {
    expect(find('The Taliban launched an offensive in May.', 'May')).toMatchObject({ start_date: '2021-05-01', end_date: '2021-06-01', precision: 'month' });
    expect(find('The troops will withdraw in May.', 'May')).toMatchObject({ start_date: '2022-05-01', end_date: '2022-06-01', precision: 'month' });
    expect(find('They attacked in March, and will return in September.', 'March')).toMatchObject({ start_date: '2021-03-01' });
    expect(find('They attacked in March, and will return in September.', 'September')).toMatchObject({ start_date: '2021-09-01' });
  });

  it('does not read the verb "May" at a sentence start as a month', () => {
    expect(tagTimes('May I ask a question?', P)).toEqual([]);
  });

  it('gives "recently" and "earlier" approximate intervals', () => {
    expect(find('Hundreds have recently fled.', 'recently')).toMatchObject({ start_date: '2021-06-28', end_date: '2021-07-28', precision: 'approximate' });
    expect(find('Reuters reported earlier.', 'earlier')).toMatchObject({ start_date: '2021-06-28', end_date: '2021-07-29', precision: 'approximate' });
  });

  it('ignores times counted from another event ("two days earlier")', () => {
    expect(tagTimes('He arrived on Monday. Two days earlier he had left.', P).map((t) => t.text)).toEqual(['Monday']);
  });

  it('reads calendar dates and day ranges', () => {
    expect(find('It began on 5 July 2021 in Kabul.', '5 July 2021')).toMatchObject({ start_date: '2021-07-05', end_date: '2021-07-06', precision: 'day' });
    expect(find('The drills ran July 20-22 near the border.', 'July 20-22')).toMatchObject({ start_date: '2021-07-20', end_date: '2021-07-23', precision: 'day' });
    expect(find('He left last Friday.', 'last Friday')).toMatchObject({ start_date: '2021-07-23', end_date: '2021-07-24', precision: 'day' });
  });

  it('covers "since", years and relative counts', () => {
    expect(find('Fighting has continued since May.', 'since May')).toMatchObject({ start_date: '2021-05-01', end_date: '2021-07-29', precision: 'approximate' });
    expect(find('It was founded in 2019.', '2019')).toMatchObject({ start_date: '2019-01-01', end_date: '2020-01-01' });
    expect(find('He came two weeks ago.', 'two weeks ago')?.precision).toBe('approximate');
  });

  it('refuses an invalid publication date', () => {
    expect(() => tagTimes('today', '2021-02-30')).toThrow(/2021-02-30/);
  });
});
