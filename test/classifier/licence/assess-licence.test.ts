import { describe, expect, it } from 'vitest';
import { assessLicence, calendarDate, createRegister, permitKey, type LicenceInput } from '../../../src/classifier/licence/index.js';
import type { RegisteredPermit } from '../../../src/domain/licence.js';

const DAY = '2025-06-01T10:00:00Z';

function permit(overrides: Partial<RegisteredPermit> = {}): RegisteredPermit {
  return {
    number: 'HLM-2023-0142',
    name: 'Club Zilvermeeuw',
    kind: 'seksinrichting',
    address: null,
    postcode: null,
    place: 'Haarlem',
    municipalityCode: 'GM0392',
    municipalityName: 'Haarlem',
    phones: [],
    website: null,
    validFrom: '2023-03-01',
    validTo: '2026-02-28',
    versionId: '3',
    ...overrides,
  };
}

function ad(overrides: Partial<LicenceInput> = {}): LicenceInput {
  return { permitNumbers: [], phones: [], municipalityCode: 'GM0392', district: 'Kennemerland', seenAt: DAY, ...overrides };
}

const kinds = (a: { evidence: Array<{ kind: string }> }) => a.evidence.map((e) => e.kind);

describe('permitKey', () => {
  it('ignores case, spaces, dots, slashes and dashes, but keeps leading zeros', () => {
    const keys = ['hlm-2023-0142', 'HLM 2023/0142', 'HLM.2023.0142', ' HLM_2023 – 0142 '].map(permitKey);
    expect(new Set(keys)).toEqual(new Set(['HLM20230142']));
    expect(permitKey('HLM-2023-142')).not.toBe(permitKey('HLM-2023-0142'));
  });
});

describe('calendarDate', () => {
  it('takes the Dutch calendar day of a moment', () => {
    expect(calendarDate('2025-03-31T22:30:00Z')).toBe('2025-04-01'); // CEST, UTC+2
    expect(calendarDate('2025-01-31T22:30:00Z')).toBe('2025-01-31'); // CET, UTC+1
    expect(calendarDate('2025-01-31')).toBe('2025-01-31');
    expect(() => calendarDate('yesterday')).toThrow(RangeError);
  });
});

describe('assessLicence', () => {
  const register = createRegister([
    permit(),
    permit({ number: 'HLM-2021-0090', name: 'Privéhuis De Lindeboom', validFrom: '2021-06-01', validTo: '2024-05-31' }),
    permit({ number: 'HLM-2025-0300', validFrom: '2025-09-01', validTo: '2028-08-31' }),
    permit({ number: 'ZST/2022/17', kind: 'escortbedrijf', municipalityCode: 'GM0479', municipalityName: 'Zaanstad', phones: ['+31622220017'] }),
    permit({ number: 'AKM.2024.031', municipalityCode: 'GM0361', municipalityName: 'Alkmaar', phones: ['+31725550031'] }),
    permit({ number: 'PMR-2019-0001', kind: 'escortbedrijf', municipalityCode: 'GM0439', municipalityName: 'Purmerend', phones: ['+31644440001'], validTo: '2022-01-01' }),
    permit({ number: 'VLS-2024-0001', validTo: null, municipalityCode: 'GM0453', municipalityName: 'Velsen' }),
    // Two permits of different municipalities with the same key: a cited `DUP 1` matches neither.
    permit({ number: 'DUP-1', municipalityCode: 'GM0392', municipalityName: 'Haarlem' }),
    permit({ number: 'DUP.1', municipalityCode: 'GM0479', municipalityName: 'Zaanstad' }),
  ], '3');

  it('licensed: a cited permit valid on the day, however it is formatted', () => {
    for (const cited of ['HLM-2023-0142', 'hlm 2023 0142', 'HLM/2023/0142']) {
      const result = assessLicence(ad({ permitNumbers: [cited] }), register);
      expect(result).toMatchObject({ status: 'licensed', permit: 'HLM-2023-0142', date: '2025-06-01' });
      expect(result.evidence[0]).toMatchObject({ kind: 'permit_valid', cited, permit: 'HLM-2023-0142', registerVersionId: '3' });
    }
  });

  it('validity includes both ends, and a permit without end date stays valid', () => {
    expect(assessLicence(ad({ permitNumbers: ['HLM-2023-0142'], seenAt: '2026-02-28T12:00:00Z' }), register).status).toBe('licensed');
    expect(assessLicence(ad({ permitNumbers: ['HLM-2023-0142'], seenAt: '2026-03-01T12:00:00Z' }), register).status).toBe('invalid_permit');
    expect(assessLicence(ad({ permitNumbers: ['HLM-2023-0142'], seenAt: '2023-03-01T00:30:00+01:00' }), register).status).toBe('licensed');
    expect(assessLicence(ad({ permitNumbers: ['VLS-2024-0001'], municipalityCode: 'GM0453', seenAt: '2099-01-01' }), register).status).toBe('licensed');
  });

  it('invalid_permit: a cited number not in the register', () => {
    const result = assessLicence(ad({ permitNumbers: ['HLM-2023-9999'] }), register);
    expect(result).toMatchObject({ status: 'invalid_permit', permit: null });
    expect(kinds(result)).toEqual(['permit_unknown']);
  });

  it('invalid_permit: an expired or not yet valid permit, with the register permit and its dates', () => {
    const expired = assessLicence(ad({ permitNumbers: ['HLM-2021-0090'] }), register);
    expect(expired).toMatchObject({ status: 'invalid_permit', permit: 'HLM-2021-0090' });
    expect(expired.evidence[0]).toMatchObject({ kind: 'permit_expired', validTo: '2024-05-31' });
    const early = assessLicence(ad({ permitNumbers: ['HLM-2025-0300'] }), register);
    expect(early).toMatchObject({ status: 'invalid_permit', permit: 'HLM-2025-0300' });
    expect(early.evidence[0]).toMatchObject({ kind: 'permit_not_yet_valid', validFrom: '2025-09-01' });
  });

  it('a valid cited permit wins over a bogus one; the bogus one stays as evidence', () => {
    const result = assessLicence(ad({ permitNumbers: ['HLM-0000-0000', 'HLM-2023-0142'] }), register);
    expect(result).toMatchObject({ status: 'licensed', permit: 'HLM-2023-0142' });
    expect(kinds(result)).toEqual(['permit_unknown', 'permit_valid']);
  });

  it('licensed: a phone registered under a valid permit, without any cited number', () => {
    const result = assessLicence(ad({ phones: ['+31622220017'], municipalityCode: 'GM0479', district: 'Zaanstreek-Waterland' }), register);
    expect(result).toMatchObject({ status: 'licensed', permit: 'ZST/2022/17' });
    expect(result.evidence[0]).toMatchObject({ kind: 'phone_registered', phone: '+31622220017', permit: 'ZST/2022/17' });
  });

  it('a bogus cited number beats a registered phone: invalid_permit, with the phone as evidence', () => {
    const result = assessLicence(ad({ permitNumbers: ['ZST/2099/1'], phones: ['+31622220017'], municipalityCode: 'GM0479' }), register);
    expect(result.status).toBe('invalid_permit');
    expect(kinds(result)).toEqual(['permit_unknown', 'phone_registered']);
  });

  it('a phone registered only under an expired permit does not license the ad', () => {
    const result = assessLicence(ad({ phones: ['+31644440001'], municipalityCode: 'GM0439', district: 'Zaanstreek-Waterland' }), register);
    expect(result).toMatchObject({ status: 'unlicensed', permit: null });
    expect(kinds(result)).toEqual(['phone_registered_not_valid', 'location']);
  });

  it('a permit of another municipality: licensed, with evidence that says whether that may be', () => {
    const escort = assessLicence(ad({ permitNumbers: ['ZST-2022-17'] }), register);
    expect(escort.status).toBe('licensed');
    const other = escort.evidence.find((e) => e.kind === 'permit_other_municipality');
    expect(other).toMatchObject({ permitMunicipality: 'GM0479', adMunicipality: 'GM0392', permitKind: 'escortbedrijf' });
    expect(other?.detail).toMatch(/escort business may work across the region/);
    const club = assessLicence(ad({ permitNumbers: ['AKM.2024.031'] }), register);
    expect(club.status).toBe('licensed');
    expect(club.evidence.find((e) => e.kind === 'permit_other_municipality')?.detail).toMatch(/own premises only/);
    const home = assessLicence(ad({ permitNumbers: ['AKM.2024.031'], municipalityCode: 'GM0361', district: 'Noord-Holland Noord' }), register);
    expect(kinds(home)).toEqual(['permit_valid']);
  });

  it('an ambiguous number matches no permit and invalidates nothing', () => {
    const result = assessLicence(ad({ permitNumbers: ['dup 1'] }), register);
    expect(result.status).toBe('unlicensed');
    expect(result.evidence[0]).toMatchObject({ kind: 'permit_ambiguous', candidates: ['DUP-1', 'DUP.1'] });
  });

  it('no match: out_of_region, unknown_location or unlicensed by the ad\'s place', () => {
    expect(assessLicence(ad(), register)).toMatchObject({ status: 'unlicensed', permit: null });
    expect(assessLicence(ad({ municipalityCode: 'GM0363', district: null }), register).status).toBe('out_of_region');
    const nowhere = assessLicence(ad({ municipalityCode: null, district: null }), register);
    expect(nowhere.status).toBe('unknown_location');
    expect(kinds(nowhere)).toEqual(['location']);
  });

  it('an empty register licenses nobody', () => {
    const empty = createRegister([]);
    expect(assessLicence(ad({ permitNumbers: ['HLM-2023-0142'] }), empty).status).toBe('invalid_permit');
    expect(assessLicence(ad({ phones: ['+31622220017'] }), empty).status).toBe('unlicensed');
  });
});
