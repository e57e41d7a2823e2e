import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { barChart } from '../../src/web/charts/bar-chart.js';
import { lineChart } from '../../src/web/charts/line-chart.js';
import { heatStep, movementMatrix } from '../../src/web/charts/movement-matrix.js';
import { labelEvery, niceStep, niceTicks } from '../../src/web/charts/scale.js';

const shown = (value: number) => ({ value, flag: '' });
const withheld = { value: null, flag: '<5' };
const HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';

/** Parses a fragment like a browser would (SVG inside HTML). */
const parse = (fragment: { toString(): string }) => load(`<body>${fragment.toString()}</body>`);

/** The hostile label is text: no element or attribute came out of it. */
function expectInert(markup: string): void {
  expect(markup).not.toMatch(/<script|<img/i);
  expect(parse(markup)('script, img, [onerror]').length).toBe(0);
}

describe('axis ticks', () => {
  it('are whole numbers on a 1-2-5 ladder from 0 to the first tick at or above the maximum', () => {
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(5)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect([0.3, 1, 3, 7, 40, 180].map(niceStep)).toEqual([1, 1, 5, 10, 50, 200]);
  });

  it('labels every k-th category when they do not all fit', () => {
    const every = labelEvery(26, 10);
    expect(Array.from({ length: 26 }, (_, i) => i).filter(every)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24]);
    expect(Array.from({ length: 4 }, (_, i) => i).filter(labelEvery(4, 10))).toEqual([0, 1, 2, 3]);
  });
});

describe('lineChart', () => {
  const weeks = ['2025-W01', '2025-W02', '2025-W03', '2025-W04'];

  it('draws a point per shown value, a line per run of shown values, and a gap for a withheld one', () => {
    const $ = parse(lineChart({
      title: 'Advertenties per week',
      xLabels: weeks,
      series: [
        { label: 'Kennemerland', points: [shown(10), shown(12), withheld, shown(8)] },
        { label: 'Zaanstreek-Waterland', points: [shown(5), shown(7), shown(40), shown(6)] },
      ],
    }));
    const series = $('svg g.series');
    expect(series.length).toBe(2);
    expect(series.eq(0).find('circle.point').length).toBe(3);
    expect(series.eq(0).find('path.line').length).toBe(1); // W01–W02; W04 stands alone after the gap
    expect(series.eq(1).find('circle.point').length).toBe(4);
    expect(series.eq(1).find('path.line').attr('d')!.match(/[ML]/g)).toHaveLength(4);
    expect($('svg .axis-x text').map((_, t) => $(t).text()).get()).toEqual(weeks);
    expect($('svg').attr('role')).toBe('img');
    expect($('svg').attr('aria-label')).toBe('Advertenties per week');
    expect(series.eq(0).find('circle title').first().text()).toBe('Kennemerland, 2025-W01: 10');
    expect($('.chart-legend li').map((_, li) => $(li).text()).get()).toEqual(['Kennemerland', 'Zaanstreek-Waterland']);
  });

  it('puts a higher value higher up, and the axis reaches past the maximum', () => {
    const $ = parse(lineChart({ title: 't', xLabels: ['a', 'b'], series: [{ label: 's', points: [shown(3), shown(37)] }] }));
    const [low, high] = $('circle').map((_, c) => Number($(c).attr('cy'))).get();
    expect(high!).toBeLessThan(low!);
    expect($('.axis-y text').last().text()).toBe('40');
  });

  it('escapes labels: hostile series and week names stay text', () => {
    const markup = lineChart({ title: HOSTILE, xLabels: [HOSTILE], series: [{ label: HOSTILE, points: [shown(1)] }] }).toString();
    expectInert(markup);
    const $ = parse(markup);
    expect($('.axis-x text').text()).toBe(HOSTILE);
    expect($('.chart-legend li').text()).toBe(HOSTILE);
    expect($('svg').attr('aria-label')).toBe(HOSTILE);
  });

  it('says there is nothing to draw instead of an empty frame', () => {
    for (const spec of [{ xLabels: [], series: [{ label: 'a', points: [] }] }, { xLabels: ['W1'], series: [] }]) {
      const markup = lineChart({ title: 't', ...spec }).toString();
      expect(markup).not.toContain('<svg');
      expect(markup).toContain('Geen gegevens');
    }
  });

  it('draws a series of withheld values as no points at all', () => {
    const $ = parse(lineChart({ title: 't', xLabels: ['a', 'b'], series: [{ label: 's', points: [withheld, { value: null, flag: 'secondary' }] }] }));
    expect($('circle').length).toBe(0);
    expect($('path.line').length).toBe(0);
    expect($('.axis-x text').length).toBe(2);
  });
});

describe('barChart', () => {
  it('draws a bar per shown count, longer for more, and writes <5 where one is withheld', () => {
    const $ = parse(barChart({
      title: 'Per gemeente',
      bars: [
        { label: 'Haarlem', ...shown(20), colour: 2 },
        { label: 'Velsen', ...withheld, colour: 2 },
        { label: 'Zaanstad', ...shown(5), colour: 1 },
        { label: 'Bloemendaal', value: null, flag: 'secondary' },
      ],
      legend: [{ label: 'Kennemerland', colour: 2 }],
    }));
    expect($('rect.bar').length).toBe(2);
    const widths = $('rect.bar').map((_, r) => Number($(r).attr('width'))).get();
    expect(widths[0]!).toBeGreaterThan(widths[1]! * 3);
    expect($('text.bar-label').map((_, t) => $(t).text()).get()).toEqual(['Haarlem', 'Velsen', 'Zaanstad', 'Bloemendaal']);
    expect($('text.withheld').map((_, t) => $(t).text()).get()).toEqual(['<5', 'verborgen']);
    expect($('rect.bar').first().attr('class')).toContain('series-2');
    expect($('rect.bar').first().find('title').text()).toBe('Haarlem: 20');
    expect($('.chart-legend li').text()).toBe('Kennemerland');
  });

  it('escapes labels and handles no bars', () => {
    const markup = barChart({ title: HOSTILE, bars: [{ label: HOSTILE, ...shown(9) }] }).toString();
    expectInert(markup);
    expect(parse(markup)('text.bar-label').text()).toBe(HOSTILE);
    expect(barChart({ title: 't', bars: [] }).toString()).toContain('Geen gegevens');
  });
});

describe('movementMatrix', () => {
  const places = [{ key: 'GM0392', label: 'Haarlem' }, { key: 'GM0479', label: 'Zaanstad' }, { key: 'GM0361', label: 'Alkmaar' }];

  it('is a from × to table: counts, withheld cells, zero for a missing pair, a dash on the diagonal', () => {
    const $ = parse(movementMatrix({
      caption: 'Van → naar',
      places,
      cells: [
        { from: 'GM0392', to: 'GM0479', ...shown(12) },
        { from: 'GM0479', to: 'GM0392', ...withheld },
        { from: 'GM0361', to: 'GM0392', ...shown(6) },
      ],
    }));
    expect($('thead th').map((_, th) => $(th).text()).get().slice(1)).toEqual(['Haarlem', 'Zaanstad', 'Alkmaar']);
    const grid = $('tbody tr').map((_, tr) => [$(tr).find('td').map((__, td) => $(td).text().replace('niet van toepassing', '')).get()]).get();
    expect(grid).toEqual([
      ['—', '12', '0'],
      ['<5', '—', '0'],
      ['6', '0', '—'],
    ]);
    expect($('tbody tr').eq(0).find('td').eq(1).attr('class')).toBe('heat-4');
    expect($('tbody tr').eq(2).find('td').eq(0).attr('class')).toBe('heat-2');
    expect($('caption').text()).toBe('Van → naar');
  });

  it('shades by share of the largest value, escapes place names, and handles no places', () => {
    expect([0, 1, 25, 26, 50, 99, 100].map((v) => heatStep(v, 100))).toEqual([0, 1, 1, 2, 2, 4, 4]);
    const markup = movementMatrix({ caption: 'c', places: [{ key: 'x', label: HOSTILE }], cells: [] }).toString();
    expectInert(markup);
    expect(parse(markup)('tbody th').text()).toBe(HOSTILE);
    expect(movementMatrix({ caption: 'c', places: [], cells: [] }).toString()).toContain('Geen gegevens');
  });
});
