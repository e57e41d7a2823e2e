import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { PhotoRejectedError, dctHash, hammingDistance, photoHash, sniffImageFormat } from '../../src/crawler/photo-hash.js';
import { photoPng } from '../../src/fixtures/index.js';

async function rejection(bytes: Uint8Array): Promise<string> {
  const error = await photoHash(bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PhotoRejectedError);
  return (error as PhotoRejectedError).code;
}

/** A fixture photo with its IHDR claiming other dimensions (CRC fixed, so only the size is a lie). */
function withClaimedSize(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)) >>> 0, 29);
  return out;
}

/** 32×32 greyscale pixels from a function of (x, y). */
function thumb(pixel: (x: number, y: number) => number): Uint8Array {
  return Uint8Array.from({ length: 1024 }, (_, i) => pixel(i % 32, Math.floor(i / 32)));
}

describe('dctHash (pure)', () => {
  it('gives 16 hex digits, the same for the same pixels', () => {
    const pixels = thumb((x, y) => (x * 7 + y * 3) % 256);
    expect(dctHash(pixels)).toMatch(/^[0-9a-f]{16}$/);
    expect(dctHash(pixels)).toBe(dctHash(Uint8Array.from(pixels)));
  });

  it('flips every bit for the negative image, and keeps the hash when only the brightness changes', () => {
    const pixels = thumb((x, y) => 40 + ((x * x + 3 * y) % 150));
    const negative = pixels.map((v) => 255 - v);
    const brighter = pixels.map((v) => v + 30);
    expect(hammingDistance(dctHash(pixels), dctHash(negative))).toBe(64);
    expect(dctHash(brighter)).toBe(dctHash(pixels));
  });

  it('tells a horizontal from a vertical pattern', () => {
    const across = thumb((x) => Math.round(127 + 100 * Math.sin(x / 3)));
    const down = thumb((_, y) => Math.round(127 + 100 * Math.sin(y / 3)));
    expect(hammingDistance(dctHash(across), dctHash(down))).toBeGreaterThan(16);
  });

  it('refuses a thumbnail of the wrong size', () => {
    expect(() => dctHash(new Uint8Array(100))).toThrow(RangeError);
  });
});

describe('photoHash (bytes in, hash out)', () => {
  it('hashes the same fixture photo to the same value, different photos far apart', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `p${i * 7919 + 1}`);
    const hashes = await Promise.all(ids.map((id) => photoHash(photoPng(id))));
    expect(await photoHash(photoPng(ids[0]!))).toBe(hashes[0]);
    const distances: number[] = [];
    for (let i = 0; i < hashes.length; i += 1) for (let j = i + 1; j < hashes.length; j += 1) distances.push(hammingDistance(hashes[i]!, hashes[j]!));
    distances.sort((a, b) => a - b);
    expect(new Set(hashes).size).toBe(ids.length);
    expect(distances[0]).toBeGreaterThanOrEqual(10); // measured: 16 over 300 ids
    expect(distances[distances.length >> 1]).toBeGreaterThanOrEqual(28); // random 64-bit hashes: 32
  });

  it('stays within a few bits for a resized, re-encoded copy (JPEG, WebP, GIF)', async () => {
    const png = photoPng('p42');
    const original = await photoHash(png);
    const copies = await Promise.all([
      sharp(png).resize(300, 300).jpeg({ quality: 60 }).toBuffer(),
      sharp(png).resize(48, 48).webp({ quality: 50 }).toBuffer(),
      sharp(png).resize(128, 128).gif().toBuffer(),
    ]);
    for (const copy of copies) expect(hammingDistance(original, await photoHash(copy))).toBeLessThanOrEqual(10);
    expect(hammingDistance(original, await photoHash(photoPng('p43')))).toBeGreaterThan(10);
  });

  it('applies the EXIF orientation, so a photo stored sideways hashes like the upright one', async () => {
    const upright = await sharp(photoPng('p7')).resize(200, 120, { fit: 'fill' }).png().toBuffer();
    const sideways = await sharp(upright).rotate(-90).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer();
    expect(hammingDistance(await photoHash(upright), await photoHash(sideways))).toBeLessThanOrEqual(6);
  });

  it('refuses what is not a photo: HTML, SVG, broken, bombs, icons and flat images', async () => {
    const png = photoPng('p1');
    expect(await rejection(Buffer.from('<!doctype html><h1>Not found</h1>'))).toBe('NOT_IMAGE');
    expect(await rejection(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="99" height="99"/>'))).toBe('NOT_IMAGE');
    expect(await rejection(png.subarray(0, 60))).toBe('UNDECODABLE');
    expect(await rejection(withClaimedSize(png, 20_000, 20_000))).toBe('TOO_MANY_PIXELS');
    const gif1x1 = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    expect(await rejection(gif1x1)).toBe('TOO_SMALL');
    const flat = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#c03030' } }).jpeg().toBuffer();
    expect(await rejection(flat)).toBe('BLANK');
  });

  it('sniffs the formats ad sites use', async () => {
    const png = photoPng('p1');
    expect(sniffImageFormat(png)).toBe('png');
    expect(sniffImageFormat(await sharp(png).jpeg().toBuffer())).toBe('jpeg');
    expect(sniffImageFormat(await sharp(png).webp().toBuffer())).toBe('webp');
    expect(sniffImageFormat(await sharp(png).gif().toBuffer())).toBe('gif');
    expect(sniffImageFormat(await sharp(png).avif().toBuffer())).toBe('avif');
    expect(sniffImageFormat(new Uint8Array(0))).toBeUndefined();
  });

  it('keeps no decoded image in the libvips cache', async () => {
    await photoHash(photoPng('p9'));
    expect(sharp.cache()).toMatchObject({ memory: { current: 0 }, items: { current: 0 }, files: { current: 0 } });
  });
});

describe('hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(() => hammingDistance('00', '000')).toThrow(RangeError);
  });
});
