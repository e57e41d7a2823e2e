import iconv from 'iconv-lite';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a CSV file: UTF-8 (with or without byte-order mark) when the bytes are valid UTF-8,
 * else Windows-1252 — what Excel on Windows writes for "CSV (gescheiden door lijstscheidingsteken)".
 * Windows-1252 text is almost never valid UTF-8 once it has an accented letter, so the test is safe.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: UTF8.decode(body), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(body), 'win1252'), encoding: 'windows-1252' };
  }
}
