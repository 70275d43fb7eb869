import { describe, expect, it } from 'vitest';
import {
  addDays,
  containsDate,
  daysBetween,
  formatIsoDate,
  isIsoDate,
  isValidInterval,
  isoWeekStart,
  isoWeekday,
  overlaps,
  parseIsoDate,
  unionExtent,
} from './interval';

describe('ISO dates', () => {
  it('parses real calendar dates and round-trips them', () => {
    for (const iso of ['2021-07-28', '2020-02-29', '1999-12-31', '2000-01-01', '1969-07-20']) {
      expect(formatIsoDate(parseIsoDate(iso)!)).toBe(iso);
    }
  });

  it('refuses impossible or malformed dates', () => {
    for (const bad of ['2021-02-30', '2021-02-29', '2021-13-01', '2021-00-10', '2021-7-28', '28.07.2021', '2021-07-28T00:00', '']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it('does day arithmetic across months, years and leap days', () => {
    expect(addDays('2021-07-28', 1)).toBe('2021-07-29');
    expect(addDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addDays('2020-03-01', -1)).toBe('2020-02-29');
    expect(daysBetween('2021-07-19', '2021-07-26')).toBe(7);
  });

  it('knows ISO weekdays (Monday = 1) and week starts', () => {
    expect(isoWeekday(parseIsoDate('2021-07-28')!)).toBe(3);
    expect(isoWeekday(parseIsoDate('2021-08-01')!)).toBe(7);
    expect(formatIsoDate(isoWeekStart(parseIsoDate('2021-08-01')!))).toBe('2021-07-26');
    expect(formatIsoDate(isoWeekStart(parseIsoDate('2021-07-26')!))).toBe('2021-07-26');
    expect(formatIsoDate(isoWeekStart(parseIsoDate('1969-12-31')!))).toBe('1969-12-29');
  });
});

describe('half-open intervals', () => {
  const week = { start: '2021-07-26', end: '2021-08-02' };

  it('contains its start but not its end', () => {
    expect(containsDate(week, '2021-07-26')).toBe(true);
    expect(containsDate(week, '2021-08-01')).toBe(true);
    expect(containsDate(week, '2021-08-02')).toBe(false);
    expect(containsDate(week, '2021-07-25')).toBe(false);
  });

  it('overlaps on a shared day, not on touching ends', () => {
    expect(overlaps(week, { start: '2021-08-01', end: '2021-08-03' })).toBe(true);
    expect(overlaps(week, { start: '2021-08-02', end: '2021-08-03' })).toBe(false);
    expect(overlaps(week, { start: '2021-07-20', end: '2021-07-26' })).toBe(false);
    expect(overlaps(week, { start: '2021-07-20', end: '2021-07-27' })).toBe(true);
    expect(overlaps(week, { start: '2021-07-28', end: '2021-07-29' })).toBe(true);
  });

  it('validates interval order', () => {
    expect(isValidInterval(week)).toBe(true);
    expect(isValidInterval({ start: '2021-07-28', end: '2021-07-28' })).toBe(false);
    expect(isValidInterval({ start: '2021-07-29', end: '2021-07-28' })).toBe(false);
    expect(isValidInterval({ start: '2021-02-30', end: '2021-03-02' })).toBe(false);
  });

  it('spans several intervals', () => {
    expect(unionExtent([week, { start: '2021-05-01', end: '2021-06-01' }])).toEqual({ start: '2021-05-01', end: '2021-08-02' });
    expect(unionExtent([])).toBeNull();
  });
});
