import type { AnalyzeInput } from '../../src/cli/analyze.js';
import { adFields, adPath, type FixtureAd } from '../../src/fixtures/index.js';

/**
 * A fixture ad as one `zicht analyze` input line: the fields exactly as its site shows them
 * (phone field only when the site has one; obscured numbers stay obscured).
 *
 * @example adsOnDay(generateUniverse({ ads: 100, seed: 1 }), 0).map(fixtureAdAsAnalyzeInput)
 */
export function fixtureAdAsAnalyzeInput(ad: FixtureAd): AnalyzeInput {
  const fields = adFields(ad);
  const input: AnalyzeInput = {
    id: `${ad.site}:${ad.siteAdId}`,
    site: ad.site,
    url: adPath(ad),
    title: fields.title,
    name: fields.name,
    location: fields.location,
    text: fields.text,
  };
  if (fields.age !== undefined) input.age = fields.age;
  if (fields.phoneText !== undefined) input.phone = fields.phoneText;
  return input;
}
