import { describe, expect, it } from 'vitest';
import { spawnZicht } from '../helpers/cli.js';

// `zicht analyze` as a real process: no database, no Redis; JSON Lines in and out.
describe('zicht analyze', () => {
  it('writes one result per line and reports malformed lines with their number', async () => {
    const input = [
      JSON.stringify({ id: 1, text: 'Nieuw in Zaandam! Bel 06-12345678, ik ben 22 jaar. Vergunningnummer: ZST/2022/17' }),
      '{"id": 2, "text": broken json',
      JSON.stringify({ id: 'b', title: 'Escort', location: 'Haarlem-Schalkwijk', text: 'Bel +48 512 345 678', age: '24' }),
      JSON.stringify({ text: 'no id' }),
      '',
      JSON.stringify({ id: 3, text: 'Afspraak om 10:00, € 150 per uur, maten 85-60-90.' }),
    ].join('\n');
    const run = spawnZicht(['analyze'], {}, `${input}\n`);
    expect(await run.exited).toBe(0);
    const out = run.stdout().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out.map((o) => o.id)).toEqual([1, 'b', 3]);
    expect(out[0]).toMatchObject({
      phones: ['+31612345678'],
      municipality: { code: 'GM0479', name: 'Zaanstad' },
      district: 'Zaanstreek-Waterland',
      age: 22,
      permitNumbers: ['ZST/2022/17'],
    });
    expect(out[1]).toMatchObject({ phones: ['+48512345678'], municipality: { code: 'GM0392' }, district: 'Kennemerland', age: 24 });
    expect(out[2]).toMatchObject({ phones: [], municipality: null, district: null, indicators: [], risk: { score: 0 } });
    const errors = run.stderr().trim().split('\n').filter((l) => l.startsWith('{"line"')).map((l) => JSON.parse(l) as { line: number; error: string });
    expect(errors.map((e) => e.line)).toEqual([2, 4]);
    expect(errors[1]!.error).toMatch(/id/);
  }, 60_000);

  it('adds risk indicators with evidence, computed across all ads of the input', async () => {
    const input = [
      { id: 'a', name: 'Lisa', text: 'Hoi ik ben Lisa, 19 jaar, 24/7 beschikbaar. Bel 06-12345678, ontvangst in Hoorn.' },
      { id: 'b', name: 'Mia', text: 'Mia hier! Bel 06-12345678 voor een afspraak in Hoorn.' },
      { id: 'c', name: 'Eva', text: 'Eva, 30 jaar, ontvangst in Haarlem. Bel 06-87654321.' },
    ];
    const run = spawnZicht(['analyze'], {}, input.map((l) => JSON.stringify(l)).join('\n'));
    expect(await run.exited).toBe(0);
    type Out = { id: string; indicators: Array<{ code: string; weight: number; evidence: unknown }>; risk: { score: number; contributions: Array<{ code: string }> }; cluster: { size: number } | null };
    const out = run.stdout().trim().split('\n').map((l) => JSON.parse(l) as Out);
    const codes = (o: Out) => o.indicators.map((i) => i.code).sort();
    expect(codes(out[0]!)).toEqual(['always_available', 'phone_shared', 'under_21']);
    expect(codes(out[1]!)).toEqual(['phone_shared']);
    expect(codes(out[2]!)).toEqual([]);
    expect(out[0]!.risk.score).toBeGreaterThan(out[1]!.risk.score);
    expect(out[1]!.risk.score).toBeGreaterThan(out[2]!.risk.score);
    expect(out[0]!.risk.contributions.map((c) => c.code).sort()).toEqual(codes(out[0]!));
    expect(out[0]!.cluster?.size).toBe(2);
    expect(out[0]!.indicators.find((i) => i.code === 'under_21')?.evidence).toMatchObject({ fields: { age: 19 } });
    expect(JSON.stringify(out[0]!.indicators.find((i) => i.code === 'always_available')?.evidence)).toContain('24/7');
  }, 60_000);
});
