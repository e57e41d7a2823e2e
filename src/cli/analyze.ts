import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import type { AdAnalysis } from '../domain/analysis.js';
import { assessLicence, createRegister, type Register } from '../classifier/licence/index.js';
import { assessRiskBatch, loadRiskConfig, type LicenceStatus, type RiskBatchItem, type RiskConfig } from '../classifier/risk/index.js';
import { analyzeAd, loadGazetteer, type Gazetteer } from '../extract/index.js';
import { formatRegisterError, loadRegisterFile, RegisterFileError } from '../register/index.js';

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

/**
 * The output object of one line: the analysis, with `phones` as plain E.164 strings; with a
 * register also its `licence` (status, permit, evidence) for the line's `seenAt`, or today.
 */
export function analysisRecord(input: AnalyzeInput, analysis: AdAnalysis, register?: Register): Record<string, unknown> {
  const { phones, ...rest } = analysis;
  const record: Record<string, unknown> = { id: input.id, phones: phones.map((p) => p.e164), phoneDetails: phones, ...rest };
  if (register) record.licence = licenceOf(analysis, input.seenAt, register);
  return record;
}

function licenceOf(analysis: AdAnalysis, seenAt: string | undefined, register: Register): Record<string, unknown> {
  const input = {
    permitNumbers: analysis.permitNumbers,
    phones: analysis.phones.map((p) => p.e164),
    municipalityCode: analysis.municipality?.code ?? null,
    district: analysis.district,
    seenAt: seenAt ?? new Date(),
  };
  const { status, permit, evidence } = assessLicence(input, register);
  return { status, permit, evidence };
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) return error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ');
  return error instanceof Error ? error.message : String(error);
}

interface AnalyzedLine {
  record: Record<string, unknown>;
  risk: RiskBatchItem;
}

function analyzeLine(parsed: AnalyzeInput, gazetteer: Gazetteer, register?: Register): AnalyzedLine {
  const analysis = analyzeAd({ ...parsed, phoneText: parsed.phone }, gazetteer);
  const record = analysisRecord(parsed, analysis, register);
  const licenceStatus = (record.licence as { status?: LicenceStatus } | undefined)?.status ?? null;
  const { text, title, name, location, seenAt, site } = parsed;
  const risk = { id: String(parsed.id), text, title, name, location, seenAt, site, phoneText: parsed.phone, analysis, licenceStatus };
  return { record, risk };
}

/**
 * Reads ads as JSON Lines and writes one JSON object per line, in input order. A malformed line
 * yields an error object with its line number on `errors`, and the rest goes on. With a risk
 * configuration, cross-ad indicators (shared phones, duplicate texts, rotation between towns) are
 * computed across all ads of the input, so the output follows once the input has ended.
 */
export async function analyzeStream(
  input: Readable,
  output: Writable,
  errors: Writable,
  gazetteer = loadGazetteer(),
  register?: Register,
  riskConfig?: RiskConfig,
): Promise<{ ok: number; failed: number }> {
  let lineNo = 0;
  let failed = 0;
  const lines: AnalyzedLine[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNo += 1;
    if (line.trim() === '') continue;
    try {
      lines.push(analyzeLine(AnalyzeInputSchema.parse(JSON.parse(line)), gazetteer, register));
    } catch (error) {
      failed += 1;
      errors.write(`${JSON.stringify({ line: lineNo, error: describe(error) })}\n`);
    }
  }
  const risks = riskConfig ? assessRiskBatch(lines.map((l) => l.risk), riskConfig) : [];
  for (const [i, { record }] of lines.entries()) {
    const risk = risks[i];
    const out = risk ? { ...record, indicators: risk.indicators, risk: risk.risk, compliance: risk.compliance, cluster: risk.cluster } : record;
    if (!output.write(`${JSON.stringify(out)}\n`)) await new Promise((resolve) => output.once('drain', resolve));
  }
  return { ok: lines.length, failed };
}

/** `zicht analyze [--register FILE [--columns FILE]]`. An invalid register prints every error and exits 1. */
export async function analyze(options: { register?: string | undefined; columns?: string | undefined } = {}): Promise<void> {
  const gazetteer = loadGazetteer();
  let register: Register | undefined;
  if (options.register) {
    try {
      const loaded = await loadRegisterFile(options.register, { gazetteer, columnsFile: options.columns });
      if (loaded.errors.length > 0) {
        console.error(`${options.register}: ${loaded.errors.length} error(s):`);
        for (const error of loaded.errors) console.error(`  ${formatRegisterError(error)}`);
        process.exitCode = 1;
        return;
      }
      register = createRegister(loaded.permits.map(({ rowNumber: _row, ...p }) => ({ ...p, versionId: null })));
    } catch (error) {
      if (!(error instanceof RegisterFileError)) throw error;
      console.error(`${options.register}: ${error.message}`);
      process.exitCode = 2;
      return;
    }
  }
  await analyzeStream(process.stdin, process.stdout, process.stderr, gazetteer, register, loadRiskConfig());
}
