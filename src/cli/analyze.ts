import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import type { AdAnalysis } from '../domain/analysis.js';
import { analyzeAd, loadGazetteer, type Gazetteer } from '../extract/index.js';

/** One input line of `zicht analyze`. Unknown fields are ignored. */
export const AnalyzeInputSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  title: z.string().optional(),
  name: z.string().optional(),
  location: z.string().optional(),
  age: z.union([z.string(), z.number()]).optional(),
  phone: z.string().optional(),
  url: z.string().optional(),
  site: z.string().optional(),
  seenAt: z.string().optional(),
});
export type AnalyzeInput = z.infer<typeof AnalyzeInputSchema>;

/** The output object of one line: the analysis, with `phones` as plain E.164 strings. */
export function analysisRecord(input: AnalyzeInput, gazetteer: Gazetteer): Record<string, unknown> {
  const analysis: AdAnalysis = analyzeAd({ ...input, phoneText: input.phone }, gazetteer);
  const { phones, ...rest } = analysis;
  return { id: input.id, phones: phones.map((p) => p.e164), phoneDetails: phones, ...rest };
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) return error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads ads as JSON Lines and writes one JSON object per line. A malformed line yields an
 * error object with its line number on `errors`, and the rest goes on.
 */
export async function analyzeStream(input: Readable, output: Writable, errors: Writable, gazetteer = loadGazetteer()): Promise<{ ok: number; failed: number }> {
  let lineNo = 0;
  let ok = 0;
  let failed = 0;
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNo += 1;
    if (line.trim() === '') continue;
    try {
      const parsed = AnalyzeInputSchema.parse(JSON.parse(line));
      const more = output.write(`${JSON.stringify(analysisRecord(parsed, gazetteer))}\n`);
      if (!more) await new Promise((resolve) => output.once('drain', resolve));
      ok += 1;
    } catch (error) {
      failed += 1;
      errors.write(`${JSON.stringify({ line: lineNo, error: describe(error) })}\n`);
    }
  }
  return { ok, failed };
}

export async function analyze(): Promise<void> {
  await analyzeStream(process.stdin, process.stdout, process.stderr);
}
