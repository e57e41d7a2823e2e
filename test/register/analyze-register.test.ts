import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { LicenceEvidence, LicenceStatus } from '../../src/domain/licence.js';
import { analyzeStream } from '../../src/cli/analyze.js';
import { createRegister } from '../../src/classifier/licence/index.js';
import { loadGazetteer } from '../../src/extract/index.js';
import { loadRegisterFile } from '../../src/register/index.js';

type Line = { licence: { status: LicenceStatus; permit: string | null; evidence: LicenceEvidence[] } };

// `zicht analyze --register FILE`: the licence per output line, against the shipped example register.
const gazetteer = loadGazetteer();

async function run(lines: object[]): Promise<Line[]> {
  const loaded = await loadRegisterFile('config/register-example.csv', { gazetteer });
  expect(loaded.errors).toEqual([]);
  const register = createRegister(loaded.permits.map((p) => ({ ...p, versionId: null })));
  const input = new PassThrough();
  const output = new PassThrough();
  const errors = new PassThrough();
  input.end(lines.map((l) => JSON.stringify(l)).join('\n'));
  let text = '';
  output.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await analyzeStream(input, output, errors, gazetteer, register);
  return text.trim().split('\n').map((line) => JSON.parse(line) as Line);
}

describe('zicht analyze --register', () => {
  it('adds status, permit and evidence for the ad\'s seenAt', async () => {
    const [licensed, expired, byPhone, bogus, away] = await run([
      { id: 1, text: 'Club in Haarlem. Vergunningnummer hlm/2023/0142.', seenAt: '2025-06-01T20:00:00Z' },
      { id: 2, text: 'Privéhuis in Haarlem, vergunning HLM-2021-0090', seenAt: '2025-06-01T20:00:00Z' },
      { id: 3, text: 'Escort in Zaandam, bel 06-22220017', seenAt: '2025-06-01T20:00:00Z' },
      { id: 4, text: 'Escort in Alkmaar, vergunning AKM-2024-999', seenAt: '2025-06-01T20:00:00Z' },
      { id: 5, text: 'Nieuw in Utrecht! Bel 06-12345678', seenAt: '2025-06-01T20:00:00Z' },
    ]);
    expect(licensed!.licence).toMatchObject({ status: 'licensed', permit: 'HLM-2023-0142', evidence: [{ kind: 'permit_valid' }] });
    expect(Object.keys(licensed!.licence)).toEqual(['status', 'permit', 'evidence']);
    expect(expired!.licence).toMatchObject({ status: 'invalid_permit', permit: 'HLM-2021-0090', evidence: [{ kind: 'permit_expired' }] });
    expect(byPhone!.licence).toMatchObject({ status: 'licensed', permit: 'ZST/2022/17', evidence: [{ kind: 'phone_registered' }] });
    expect(bogus!.licence).toMatchObject({ status: 'invalid_permit', permit: null, evidence: [{ kind: 'permit_unknown' }] });
    expect(away!.licence).toMatchObject({ status: 'out_of_region', permit: null });
  });

  it('uses today when a line has no seenAt', async () => {
    // HLM-2021-0090 expired in 2024, whatever today is.
    const [line] = await run([{ id: 1, text: 'Privéhuis in Haarlem, vergunning HLM-2021-0090' }]);
    expect(line!.licence.status).toBe('invalid_permit');
  });
});
