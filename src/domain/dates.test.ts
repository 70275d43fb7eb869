import { describe, expect, it } from 'vitest';
import { resolvePhrase } from './dates';

// The seed article's publication date: a Wednesday.
const P = '2021-07-28';

function r(phrase: string, published = P, tense?: 'past' | 'future') {
  return resolvePhrase(phrase, published, tense ? { tense } : {});
}

describe('resolvePhrase: days', () => {
  it.each([
    ['today', '2021-07-28', '2021-07-29'],
    ['Today', '2021-07-28', '2021-07-29'],
    ['tonight', '2021-07-28', '2021-07-29'],
    ['this morning', '2021-07-28', '2021-07-29'],
    ['yesterday', '2021-07-27', '2021-07-28'],
    ['last night', '2021-07-27', '2021-07-28'],
    ['tomorrow', '2021-07-29', '2021-07-30'],
    ['the day before yesterday', '2021-07-26', '2021-07-27'],
    ['the day after tomorrow', '2021-07-30', '2021-07-31'],
  ])('%s → [%s, %s) day', (phrase, start, end) => {
    expect(r(phrase)).toEqual({ start, end, precision: 'day' });
  });

  it('crosses month and year boundaries', () => {
    expect(r('tomorrow', '2021-12-31')).toEqual({ start: '2022-01-01', end: '2022-01-02', precision: 'day' });
    expect(r('yesterday', '2021-03-01')).toEqual({ start: '2021-02-28', end: '2021-03-01', precision: 'day' });
    expect(r('yesterday', '2020-03-01')).toEqual({ start: '2020-02-29', end: '2020-03-01', precision: 'day' });
  });
});

describe('resolvePhrase: weekdays (P is Wednesday 2021-07-28)', () => {
  it.each([
    ['Monday', '2021-07-26'],
    ['on Monday', '2021-07-26'],
    ['on Tuesday', '2021-07-27'],
    ['on Wednesday', '2021-07-28'], // the publication day itself
    ['on Thursday', '2021-07-22'],
    ['on Sunday', '2021-07-25'],
    ['last Wednesday', '2021-07-21'],
    ['last Monday', '2021-07-26'],
    ['next Wednesday', '2021-08-04'],
    ['next Friday', '2021-07-30'],
    ['this Friday', '2021-07-30'],
    ['this Monday', '2021-07-26'],
  ])('%s (past) → %s', (phrase, day) => {
    const res = r(phrase);
    expect(res?.start).toBe(day);
    expect(res?.end).toBe(new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10));
    expect(res?.precision).toBe('day');
  });

  it('looks forward with a future-tense hint', () => {
    expect(r('on Friday', P, 'future')).toEqual({ start: '2021-07-30', end: '2021-07-31', precision: 'day' });
    expect(r('on Monday', P, 'future')).toEqual({ start: '2021-08-02', end: '2021-08-03', precision: 'day' });
    expect(r('on Wednesday', P, 'future')).toEqual({ start: '2021-07-28', end: '2021-07-29', precision: 'day' });
  });
});

describe('resolvePhrase: ISO weeks', () => {
  it.each([
    ['this week', '2021-07-26', '2021-08-02'],
    ['next week', '2021-08-02', '2021-08-09'],
    ['last week', '2021-07-19', '2021-07-26'],
    ['Last week', '2021-07-19', '2021-07-26'],
    ['the previous week', '2021-07-19', '2021-07-26'],
  ])('%s → [%s, %s) week', (phrase, start, end) => {
    expect(r(phrase)).toEqual({ start, end, precision: 'week' });
  });

  it('uses Monday–Sunday weeks when P is a Sunday or a Monday', () => {
    expect(r('this week', '2021-08-01')).toEqual({ start: '2021-07-26', end: '2021-08-02', precision: 'week' });
    expect(r('next week', '2021-08-01')).toEqual({ start: '2021-08-02', end: '2021-08-09', precision: 'week' });
    expect(r('last week', '2021-08-02')).toEqual({ start: '2021-07-26', end: '2021-08-02', precision: 'week' });
  });

  it('crosses the year in week arithmetic', () => {
    expect(r('next week', '2021-12-29')).toEqual({ start: '2022-01-03', end: '2022-01-10', precision: 'week' });
  });

  it.each([
    ['earlier this week', '2021-07-26', '2021-07-29'],
    ['later this week', '2021-07-29', '2021-08-02'],
    ['this weekend', '2021-07-31', '2021-08-02'],
    ['last weekend', '2021-07-24', '2021-07-26'],
    ['the past week', '2021-07-21', '2021-07-28'],
  ])('%s → [%s, %s) approximate', (phrase, start, end) => {
    expect(r(phrase)).toEqual({ start, end, precision: 'approximate' });
  });
});

describe('resolvePhrase: months', () => {
  it.each([
    ['this month', '2021-07-01', '2021-08-01'],
    ['next month', '2021-08-01', '2021-09-01'],
    ['last month', '2021-06-01', '2021-07-01'],
    ['in May', '2021-05-01', '2021-06-01'],
    ['May', '2021-05-01', '2021-06-01'],
    ['in July', '2021-07-01', '2021-08-01'], // P's own month counts as the most recent
    ['in August', '2020-08-01', '2020-09-01'], // not after P's month: last year's August
    ['in December', '2020-12-01', '2021-01-01'],
    ['in May 2020', '2020-05-01', '2020-06-01'],
    ['May 2020', '2020-05-01', '2020-06-01'],
    ['in February 2020', '2020-02-01', '2020-03-01'],
    ['Sept. 2019', '2019-09-01', '2019-10-01'],
  ])('%s → [%s, %s) month', (phrase, start, end) => {
    expect(r(phrase)).toEqual({ start, end, precision: 'month' });
  });

  it('picks the next such month with a future-tense hint', () => {
    expect(r('in August', P, 'future')).toEqual({ start: '2021-08-01', end: '2021-09-01', precision: 'month' });
    expect(r('in May', P, 'future')).toEqual({ start: '2022-05-01', end: '2022-06-01', precision: 'month' });
    expect(r('in July', P, 'future')).toEqual({ start: '2021-07-01', end: '2021-08-01', precision: 'month' });
  });

  it('crosses the year for next/last month', () => {
    expect(r('next month', '2021-12-15')).toEqual({ start: '2022-01-01', end: '2022-02-01', precision: 'month' });
    expect(r('last month', '2021-01-15')).toEqual({ start: '2020-12-01', end: '2021-01-01', precision: 'month' });
  });

  it.each([
    ['early May', '2021-05-01', '2021-05-11'],
    ['mid-May', '2021-05-11', '2021-05-21'],
    ['late May', '2021-05-21', '2021-06-01'],
    ['late February 2020', '2020-02-21', '2020-03-01'],
    ['earlier this month', '2021-07-01', '2021-07-29'],
  ])('%s → [%s, %s) approximate', (phrase, start, end) => {
    expect(r(phrase)).toEqual({ start, end, precision: 'approximate' });
  });
});

describe('resolvePhrase: dates', () => {
  it.each([
    ['5 July', '2021-07-05'],
    ['on 5 July', '2021-07-05'],
    ['July 5', '2021-07-05'],
    ['July 5th', '2021-07-05'],
    ['the 5th of July', '2021-07-05'],
    ['July 5, 2021', '2021-07-05'],
    ['5 July 2021', '2021-07-05'],
    ['28 July', '2021-07-28'],
    ['29 July', '2020-07-29'], // not after P: last year's
    ['Aug. 3', '2020-08-03'],
    ['29 February', '2020-02-29'],
  ])('%s → %s day', (phrase, day) => {
    const res = r(phrase);
    expect(res).toEqual({ start: day, end: new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10), precision: 'day' });
  });

  it('looks forward with a future-tense hint', () => {
    expect(r('29 July', P, 'future')).toEqual({ start: '2021-07-29', end: '2021-07-30', precision: 'day' });
    expect(r('5 July', P, 'future')).toEqual({ start: '2022-07-05', end: '2022-07-06', precision: 'day' });
  });

  it('refuses dates that do not exist', () => {
    expect(r('30 February 2021')).toBeNull();
    expect(r('February 29, 2021')).toBeNull();
    expect(r('31 April')).toBeNull();
  });
});

describe('resolvePhrase: vague and open-ended', () => {
  it('recently → the 30 days before P, excluding P', () => {
    expect(r('recently')).toEqual({ start: '2021-06-28', end: '2021-07-28', precision: 'approximate' });
  });

  it('earlier → the 30 days before P, including P', () => {
    expect(r('earlier')).toEqual({ start: '2021-06-28', end: '2021-07-29', precision: 'approximate' });
  });

  it.each([
    ['since May', '2021-05-01', '2021-07-29'],
    ['since last week', '2021-07-19', '2021-07-29'],
    ['since 2020', '2020-01-01', '2021-07-29'],
    ['since 5 July', '2021-07-05', '2021-07-29'],
    ['since May 2020', '2020-05-01', '2021-07-29'],
  ])('%s → [%s, %s) approximate', (phrase, start, end) => {
    expect(r(phrase)).toEqual({ start, end, precision: 'approximate' });
  });

  it('refuses "since" a time after P', () => {
    expect(r('since next week')).toBeNull();
    expect(r('since tomorrow')).toBeNull();
  });

  it.each([
    ['this year', '2021-01-01', '2022-01-01'],
    ['last year', '2020-01-01', '2021-01-01'],
    ['next year', '2022-01-01', '2023-01-01'],
    ['in 2020', '2020-01-01', '2021-01-01'],
    ['2019', '2019-01-01', '2020-01-01'],
    ['earlier this year', '2021-01-01', '2021-07-29'],
  ])('%s → [%s, %s) approximate', (phrase, start, end) => {
    expect(r(phrase)).toEqual({ start, end, precision: 'approximate' });
  });

  it.each([
    ['3 days ago', '2021-07-25', '2021-07-26', 'day'],
    ['two days ago', '2021-07-26', '2021-07-27', 'day'],
    ['a week ago', '2021-07-18', '2021-07-25', 'approximate'],
    ['the past 10 days', '2021-07-18', '2021-07-28', 'approximate'],
    ['the last two weeks', '2021-07-14', '2021-07-28', 'approximate'],
  ])('%s → [%s, %s) %s', (phrase, start, end, precision) => {
    expect(r(phrase)).toEqual({ start, end, precision });
  });
});

describe('resolvePhrase: refusal', () => {
  it.each(['', '   ', 'at some point', 'soon', 'the other day', 'Mayday', 'the 5th'])('%j has no rule', (phrase) => {
    expect(r(phrase)).toBeNull();
  });

  it('refuses an impossible publication date', () => {
    expect(r('today', '2021-02-30')).toBeNull();
    expect(r('today', '28.7.2021')).toBeNull();
  });

  it('ignores trailing punctuation and curly quotes', () => {
    expect(r('today,')).toEqual({ start: '2021-07-28', end: '2021-07-29', precision: 'day' });
  });
});
