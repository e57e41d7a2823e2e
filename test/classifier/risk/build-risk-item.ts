import type { RiskBatchItem } from '../../../src/classifier/risk/assess-risk-batch.js';
import type { LinkAd } from '../../../src/classifier/risk/link-ad.js';
import { buildAnalysis, buildMunicipality, buildPhone } from '../../helpers/build-scraped-ad.js';

let sequence = 0;

/** A batch item with a plain text and one Dutch mobile in Haarlem, unless overridden. */
export function buildRiskItem(overrides: Partial<RiskBatchItem> & { phone?: string; municipality?: string } = {}): RiskBatchItem {
  sequence += 1;
  const { phone, municipality, ...rest } = overrides;
  const analysis = buildAnalysis({
    phones: [buildPhone({ e164: phone ?? `+316${String(10_000_000 + sequence).slice(-8)}` })],
    municipality: buildMunicipality({ code: municipality ?? 'GM0392' }),
  });
  return { id: `t:${sequence}`, name: `Naam${sequence}`, text: `Hoi, ik ben nummer ${sequence}.`, analysis, seenAt: '2025-01-06T02:00:00.000Z', ...rest };
}

/** A linker input with a fresh id and phone unless overridden. */
export function buildLinkAd(overrides: Partial<LinkAd> = {}): LinkAd {
  sequence += 1;
  return { id: `l:${sequence}`, phones: [`+316${String(20_000_000 + sequence).slice(-8)}`], name: `Naam${sequence}`, ...overrides };
}
