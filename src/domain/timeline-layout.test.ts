import { describe, expect, it } from 'vitest';
import { axisTicks, packLanes } from './timeline-layout';
import { dayFromIso } from './time-window';

const d = (iso: string) => dayFromIso(iso)!;

describe('packLanes', () => {
  it('puts a bar in the first lane free at its start; touching half-open bars share a lane', () => {
    const start = Int32Array.from([0, 2, 5, 1, 9]);
    const end = Int32Array.from([5, 4, 9, 3, 10]);
    const { lane, lanes } = packLanes(start, end);
    expect(Array.from(lane)).toEqual([0, 2, 0, 1, 0]);
    expect(lanes).toBe(3);
  });

  it('never overlaps two bars in one lane', () => {
    const n = 200;
    const start = Int32Array.from({ length: n }, (_, i) => (i * 37) % 90);
    const end = Int32Array.from({ length: n }, (_, i) => start[i]! + 1 + ((i * 13) % 20));
    const { lane } = packLanes(start, end);
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        if (lane[i] === lane[j]) expect(start[i]! < end[j]! && start[j]! < end[i]!).toBe(false);
  });
});

describe('axisTicks', () => {
  it('labels weeks on Mondays for a three-month article', () => {
    const ticks = axisTicks({ start: d('2021-04-26'), end: d('2021-08-14') }, 1200);
    expect(ticks[0]).toMatchObject({ day: d('2021-04-26'), label: '26 Apr' });
    expect(ticks.every((t) => (t.day - d('2021-04-26')) % 7 === 0)).toBe(true);
  });

  it('falls back to months, then years, as the span grows', () => {
    const months = axisTicks({ start: d('2020-01-10'), end: d('2021-06-01') }, 800);
    // ~1.6 px a day: every other month, the first labelled with its year.
    expect(months[0]!.label).toBe('Mar 2020');
    expect(months[1]!.label).toBe('May');
    expect(months.some((t) => t.label === 'Jan 2021')).toBe(true);
    const years = axisTicks({ start: d('2000-01-01'), end: d('2021-01-01') }, 600);
    expect(years.every((t) => /^\d{4}$/.test(t.label))).toBe(true);
  });

  it('labels single days in a short window', () => {
    const ticks = axisTicks({ start: d('2021-07-26'), end: d('2021-07-30') }, 800);
    expect(ticks.map((t) => t.label)).toEqual(['26 Jul', '27 Jul', '28 Jul', '29 Jul', '30 Jul']);
  });
});
