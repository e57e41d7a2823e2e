import { PLACES, ReviewSeed, type Place, type SeedAd } from '../store/review-seed.js';
import type { Db } from '../../src/store/index.js';
import type { Forbidden } from './personal-data.js';

/**
 * A crawl history with known trend figures, in four ISO weeks of January 2025 (W02–W05):
 * - every week: 8 ads in Haarlem, 6 in Zaanstad, 3 in Alkmaar (a small count), 5 in Utrecht;
 * - movers: 6 numbers advertised in Haarlem in W03 and in Zaanstad in W04 (other ads, same numbers).
 * So W03 sees 14 ads in Kennemerland, W04 12 in Zaanstreek-Waterland, and the movement
 * Haarlem → Zaanstad is 6; Noord-Holland Noord (3) is always withheld.
 */
export const TREND_PERIOD = { from: '2025-01-06', to: '2025-02-02' } as const;
export const TREND_WEEKS = ['2025-W02', '2025-W03', '2025-W04', '2025-W05'] as const;
const SIGHTING_DAYS = ['2025-01-07', '2025-01-14', '2025-01-21', '2025-01-28'];

const NAMES = ['Anouk', 'Bibi', 'Chantal', 'Daphne', 'Esmee', 'Fleur', 'Gina', 'Hanna', 'Ilse', 'Jasmijn', 'Kiki', 'Lotte', 'Maud', 'Noor', 'Olga', 'Petra'];

export interface TrendSeed {
  forbidden: Forbidden;
}

export async function seedTrends(db: Db): Promise<TrendSeed> {
  const seed = new ReviewSeed(db);
  const forbidden = { phones: [] as string[], words: [] as string[], urls: ['127.0.0.1/', '/escort/'] };
  let n = 0;
  const adSpec = (place: Place, phone: string, seenAt: string): SeedAd & { siteAdId: string } => {
    n += 1;
    const name = `${NAMES[n % NAMES.length]}${n}`;
    const siteAdId = `ad-${name.toLowerCase()}`;
    const text = `Hoi schat, ik ben ${name} uit ${place.name}. Bel me op ${phone.replace('+31', '0')} voor een afspraak.`;
    forbidden.phones.push(phone);
    forbidden.words.push(name, siteAdId, `Hoi schat, ik ben ${name}`);
    return { siteAdId, place, phones: [phone], title: `${name} verwent je`, text, seenAt, licence: 'unlicensed' };
  };
  const weekly = async (place: Place, count: number, prefix: string) => {
    for (let i = 0; i < count; i++) {
      const spec = adSpec(place, `+316${prefix}${String(i).padStart(6, '0')}`, `${SIGHTING_DAYS[0]}T10:00:00.000Z`);
      await seed.ad(spec);
      for (const day of SIGHTING_DAYS.slice(1)) await seed.version({ ...spec, seenAt: `${day}T10:00:00.000Z` });
    }
  };
  await weekly(PLACES.haarlem, 8, '11');
  await weekly(PLACES.zaanstad, 6, '22');
  await weekly(PLACES.alkmaar, 3, '33');
  await weekly(PLACES.utrecht, 5, '44');
  for (let i = 0; i < 6; i++) {
    const phone = `+3165${String(i).padStart(7, '0')}`;
    await seed.ad(adSpec(PLACES.haarlem, phone, `${SIGHTING_DAYS[1]}T10:00:00.000Z`));
    await seed.ad(adSpec(PLACES.zaanstad, phone, `${SIGHTING_DAYS[2]}T10:00:00.000Z`));
  }
  return { forbidden };
}
