import sharp from 'sharp';

// libvips keeps recently decoded images in an operation cache (50 MB by default): we keep no image
// data, not even in memory, once its hash is known.
sharp.cache(false);

/** Why a downloaded file gives no hash. Each is final for that file: retrying it would not help. */
export type PhotoRejectCode = 'NOT_IMAGE' | 'UNDECODABLE' | 'TOO_MANY_PIXELS' | 'TOO_SMALL' | 'BLANK';

/** A file that is not a photo we can hash (see {@link PhotoRejectCode}). */
export class PhotoRejectedError extends Error {
  constructor(
    readonly code: PhotoRejectCode,
    message: string,
  ) {
    super(message);
    this.name = 'PhotoRejectedError';
  }
}

/** Side of the greyscale thumbnail the DCT runs on (as in pHash: 32, of which the 8×8 lowest frequencies count). */
const THUMB = 32;
const LOW = 8;
/** A decompression bomb (a few KB that decode to gigapixels) is refused before decoding. */
const MAX_INPUT_PIXELS = 40_000_000;
/** Icons, spacers and tracking pixels are not photos of anyone. */
const MIN_SIDE_PX = 16;
/** Grey-level standard deviation below which an image is flat: all flat images share one hash and would link unrelated ads. */
const MIN_STDDEV = 2;

/** The raster formats ad sites serve photos in. SVG, PDF and the rest are refused before decoding. */
export function sniffImageFormat(bytes: Uint8Array): 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | undefined {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 4) === 'GIF8') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(8, 12))) return 'avif';
  return undefined;
}

// cos((2x + 1) u π / 2N) for u < LOW + 1 (the frequencies we keep) and x < THUMB.
const COSINES = Array.from({ length: LOW + 1 }, (_, u) =>
  Float64Array.from({ length: THUMB }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * THUMB))),
);

/**
 * The 64-bit DCT hash (pHash) of a 32×32 greyscale image, as 16 hex digits: the DCT's 8×8 lowest
 * frequencies except the constant row and column (u, v = 1..8), each bit 1 when the coefficient is above
 * their median, row by row, most significant bit first. Pure.
 */
export function dctHash(grey: ArrayLike<number>): string {
  if (grey.length !== THUMB * THUMB) throw new RangeError(`expected ${THUMB}×${THUMB} pixels, got ${grey.length}`);
  // Rows first: rowFreq[y][u] = Σx grey[y][x]·cos_u(x); then columns for the kept v only.
  const rowFreq = Array.from({ length: THUMB }, (_, y) =>
    COSINES.map((cos) => {
      let sum = 0;
      for (let x = 0; x < THUMB; x += 1) sum += grey[y * THUMB + x]! * cos[x]!;
      return sum;
    }),
  );
  const coefficients: number[] = [];
  for (let v = 1; v <= LOW; v += 1) {
    for (let u = 1; u <= LOW; u += 1) {
      let sum = 0;
      for (let y = 0; y < THUMB; y += 1) sum += rowFreq[y]![u]! * COSINES[v]![y]!;
      coefficients.push(sum);
    }
  }
  const sorted = [...coefficients].sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let i = 0; i < 64; i += 4) {
    let nibble = 0;
    for (let b = 0; b < 4; b += 1) nibble = (nibble << 1) | (coefficients[i + b]! > median ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

function standardDeviation(values: Uint8Array): number {
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / values.length;
  return Math.sqrt(Math.max(0, squares / values.length - mean * mean));
}

async function greyThumbnail(bytes: Uint8Array): Promise<{ pixels: Uint8Array; width: number; height: number }> {
  try {
    const image = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, autoOrient: true });
    const { width, height } = await image.metadata();
    const { data } = await image
      .flatten({ background: '#ffffff' })
      .greyscale()
      .resize(THUMB, THUMB, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { pixels: new Uint8Array(data.buffer, data.byteOffset, THUMB * THUMB), width: width ?? 0, height: height ?? 0 };
  } catch (error) {
    const message = (error as Error).message;
    if (/pixel limit/i.test(message)) throw new PhotoRejectedError('TOO_MANY_PIXELS', message);
    throw new PhotoRejectedError('UNDECODABLE', message);
  }
}

/**
 * The perceptual hash of one photo file: 16 hex digits (64 bits), equal for the same picture and a
 * small Hamming distance ({@link hammingDistance}) for a re-encoded or resized copy. The bytes are
 * decoded in memory and not kept. Throws {@link PhotoRejectedError} for a file that is not a raster
 * photo (JPEG, PNG, GIF, WebP, AVIF), does not decode, is a decompression bomb, an icon, or flat.
 *
 * @example
 * await photoHash(await readFile('eva.jpg')) // → 'c4d1a2b38f0e9d17'
 */
export async function photoHash(bytes: Uint8Array): Promise<string> {
  if (!sniffImageFormat(bytes)) throw new PhotoRejectedError('NOT_IMAGE', 'not a JPEG, PNG, GIF, WebP or AVIF file');
  const { pixels, width, height } = await greyThumbnail(bytes);
  if (Math.min(width, height) < MIN_SIDE_PX) throw new PhotoRejectedError('TOO_SMALL', `${width}×${height} px is an icon, not a photo`);
  if (standardDeviation(pixels) < MIN_STDDEV) throw new PhotoRejectedError('BLANK', 'a flat image: no picture to match');
  return dctHash(pixels);
}

/** Bits in which two hex hashes of equal length differ. */
export function hammingDistance(a: string, b: string): number {
  if (a.length !== b.length) throw new RangeError(`hashes of different lengths: ${a.length} and ${b.length}`);
  let bits = 0;
  for (let i = 0; i < a.length; i += 1) {
    let x = parseInt(a[i]!, 16) ^ parseInt(b[i]!, 16);
    for (; x > 0; x >>= 1) bits += x & 1;
  }
  return bits;
}
