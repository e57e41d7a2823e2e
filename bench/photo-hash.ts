/**
 * Photo hashing throughput (decode + pHash, no network), 4 at a time as a crawl does: the fixture
 * sites' 64×64 PNGs, and camera-sized 1600×1200 JPEGs (a fixture photo with grain).
 * Prints one JSON line.
 */
import sharp from 'sharp';
import { photoHash } from '../src/crawler/photo-hash.js';
import { photoPng } from '../src/fixtures/index.js';

const CONCURRENCY = 4;

async function photosPerSecond(files: Buffer[]): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < files.length) await photoHash(files[next++]!);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return files.length / ((performance.now() - started) / 1000);
}

const pngs = Array.from({ length: 4000 }, (_, i) => photoPng(`p${i}`));
// A fixture photo blown up to camera size with grain on top: a picture, and it does not compress.
const grain = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
  .png()
  .toBuffer();
const jpegs = await Promise.all(
  Array.from({ length: 40 }, (_, i) =>
    sharp(photoPng(`j${i}`)).resize(1600, 1200, { fit: 'fill' }).composite([{ input: grain, blend: 'soft-light' }]).jpeg({ quality: 85 }).toBuffer(),
  ),
);
const pngRate = await photosPerSecond(pngs);
const jpegRate = await photosPerSecond(jpegs);
console.log(
  JSON.stringify({
    name: 'crawl: photoHash (fixture PNG / 2 MP JPEG)',
    'photos/s': `${pngRate.toFixed(0)} / ${jpegRate.toFixed(0)}`,
    'peak RSS MB': (process.resourceUsage().maxRSS / 1024).toFixed(0),
  }),
);
