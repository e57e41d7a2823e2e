import type { ReviewDecision } from '../../../src/domain/review.js';
import { adFields, adsOnDay, generateUniverse } from '../../../src/fixtures/index.js';
import { Rng } from '../../../src/fixtures/prng.js';

/** Third-party wording (DOMAIN.md: an ad written by or for someone else), in several inflections. */
export const THIRD_PARTY_SENTENCES = [
  'Onze meisjes ontvangen je graag.',
  'Wij hebben nieuwe dames voor je klaarstaan.',
  'Boekingen alleen via ons bureau.',
  'Bel onze manager voor een afspraak met een van de meiden.',
  'Onze dames komen naar je toe, de chauffeur wacht buiten.',
  'Reserveer via de receptie van ons agentschap.',
];

const CONFIRMING: ReviewDecision[] = ['passed_police', 'inspected_unlicensed', 'passed_care'];
const REFUTING: ReviewDecision[] = ['no_action', 'false_positive', 'inspected_licensed'];

/** A fixture ad with a review outcome, as a test seeds it. */
export interface LabelledFixtureAd {
  title: string;
  name: string;
  text: string;
  confirmed: boolean;
  decision: ReviewDecision;
  /** Whether third-party wording was written into the text. */
  thirdParty: boolean;
}

/**
 * Fixture ads with review outcomes where the text carries a learnable but imperfect signal: of the
 * confirmed ads (`confirmedShare`), `signal` carry third-party wording; of the others, `noise` do.
 * Everything else in the texts is the fixture generator's own (names, places, services, prices).
 * Deterministic in `seed`.
 */
export function labelledFixtureAds(options: { ads: number; seed: number; confirmedShare?: number; signal?: number; noise?: number }): LabelledFixtureAd[] {
  const rng = new Rng(options.seed);
  const universe = generateUniverse({ ads: Math.ceil(options.ads * 1.2) + 10, seed: options.seed });
  return adsOnDay(universe, 0)
    .slice(0, options.ads)
    .map((ad) => {
      const fields = adFields(ad);
      const confirmed = rng.chance(options.confirmedShare ?? 0.4);
      const thirdParty = rng.chance(confirmed ? (options.signal ?? 0.85) : (options.noise ?? 0.1));
      const added = thirdParty ? rng.sample(THIRD_PARTY_SENTENCES, rng.int(1, 2)).join(' ') : '';
      return {
        title: fields.title,
        name: fields.name,
        text: added ? `${fields.text}\n\n${added}` : fields.text,
        confirmed,
        decision: rng.pick(confirmed ? CONFIRMING : REFUTING),
        thirdParty,
      };
    });
}

/** The same ads with their labels shuffled (decisions moved along): the control that must score near chance. */
export function shuffledLabels(ads: readonly LabelledFixtureAd[], seed: number): LabelledFixtureAd[] {
  const rng = new Rng(seed);
  const outcomes = ads.map((a) => ({ confirmed: a.confirmed, decision: a.decision }));
  for (let i = outcomes.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [outcomes[i], outcomes[j]] = [outcomes[j]!, outcomes[i]!];
  }
  return ads.map((a, i) => ({ ...a, ...outcomes[i]! }));
}
