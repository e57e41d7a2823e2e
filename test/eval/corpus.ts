import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AnalyzeInputSchema } from '../../src/cli/analyze.js';
import type { AdText } from '../../src/domain/analysis.js';
import { WORK_SETTINGS } from '../../src/domain/analysis.js';
import { DISTRICTS } from '../../src/domain/districts.js';

/** How an advertiser disguised a number; the same kinds as the fixture sites (src/fixtures/obfuscate.ts). */
export const OBFUSCATION_KINDS = ['words', 'mixed', 'letters', 'spaced', 'separators'] as const;
export type ObfuscationKindLabel = (typeof OBFUSCATION_KINDS)[number];

const ExpectedPhoneSchema = z.object({
  e164: z.string().regex(/^\+[1-9]\d{6,14}$/),
  obfuscated: z.boolean(),
  kind: z.enum(OBFUSCATION_KINDS).optional(),
});

/** One labelled ad of test/eval/corpus/*.jsonl. Labels are ground truth decided by a human from the text. */
export const CorpusAdSchema = AnalyzeInputSchema.pick({ text: true, title: true, name: true, location: true, age: true, phone: true })
  .extend({
    id: z.string().min(1),
    expected: z
      .object({
        phones: z.array(ExpectedPhoneSchema),
        municipalityCode: z.string().regex(/^GM\d{4}$/).nullable(),
        district: z.enum(DISTRICTS).nullable(),
        age: z.number().int().nullable(),
        permitNumbers: z.array(z.string()),
        /** Optional (test/eval/corpus/fields.jsonl): the typical hourly rate by the rule in docs/analysis-fields.md. */
        pricePerHour: z.number().int().positive().nullable().optional(),
        /** Optional: does the ad claim round-the-clock availability? */
        availability: z.boolean().optional(),
        /** Optional: the work settings, as a set. */
        workSettings: z.array(z.enum(WORK_SETTINGS)).optional(),
        /** Optional: ISO 639-1 codes of the languages spoken, as a set. */
        languages: z.array(z.string().regex(/^[a-z]{2}$/)).optional(),
      })
      .strict(),
    note: z.string().optional(),
  })
  .strict();
export type CorpusAd = z.infer<typeof CorpusAdSchema>;
export type ExpectedPhone = z.infer<typeof ExpectedPhoneSchema>;

/** A corpus ad with the file it came from. */
export interface LoadedCorpusAd extends CorpusAd {
  file: string;
  line: number;
}

export const CORPUS_DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

/** Every `*.jsonl` file of the corpus, sorted by name. */
export function corpusFiles(dir = CORPUS_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Reads and validates every corpus file. Throws on the first malformed line, naming file and line,
 * so a typo in the data fails loudly instead of silently shrinking the evaluation.
 */
export function loadCorpus(dir = CORPUS_DIR): LoadedCorpusAd[] {
  return corpusFiles(dir).flatMap((path) => {
    const file = basename(path);
    return readFileSync(path, 'utf8')
      .split('\n')
      .map((text, i) => ({ text, line: i + 1 }))
      .filter(({ text }) => text.trim() !== '')
      .map(({ text, line }) => {
        const parsed = CorpusAdSchema.safeParse(parseJson(text, file, line));
        if (!parsed.success) throw new Error(`${file}:${line}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
        return { ...parsed.data, file, line };
      });
  });
}

function parseJson(text: string, file: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}:${line}: invalid JSON (${(error as Error).message})`, { cause: error });
  }
}

/** The analysis input of a corpus ad: its `phone` field is the site's phone field. */
export function corpusAdText(ad: CorpusAd): AdText {
  return { text: ad.text, title: ad.title, name: ad.name, location: ad.location, age: ad.age, phoneText: ad.phone };
}

/** A municipality of data/gemeenten.csv. */
export interface MunicipalityRow {
  code: string;
  name: string;
  province: string;
  district: string | null;
}

/** data/gemeenten.csv by CBS code. */
export function loadMunicipalities(path = fileURLToPath(new URL('../../data/gemeenten.csv', import.meta.url))): Map<string, MunicipalityRow> {
  const rows = readFileSync(path, 'utf8').trim().split('\n').slice(1);
  return new Map(
    rows.map((row) => {
      const [code = '', name = '', province = '', , district = ''] = csvFields(row);
      return [code, { code, name, province, district: district.trim() || null }];
    }),
  );
}

/** One CSV line into fields; a few names are quoted because they hold a comma ("Nuenen, Gerwen en Nederwetten"). */
function csvFields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => (m[1] ?? m[2] ?? '').replace(/""/g, '"'));
}
