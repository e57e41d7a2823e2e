/**
 * Text output of `zicht model train` and `zicht model report`: the cross-validation report next
 * to its baselines and control, and the per-indicator confirmation rates.
 */
import type { CvReport, LabelCounts, WordWeight } from '../classifier/model/index.js';
import type { IndicatorConfirmation, RiskModelSummary } from '../store/index.js';
import { formatTable, formatTime } from './table.js';

/** Below this many confirming or refuting reviews an indicator's rate is shown but marked as a small sample. */
export const SMALL_SAMPLE = 20;

/** An indicator's confirmation rate with its 95% interval and configured weight (`zicht model report`). */
export interface IndicatorRateRow extends IndicatorConfirmation {
  interval: { low: number; high: number } | null;
  weight: number | null;
  smallSample: boolean;
}

const num = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined ? '-' : x.toFixed(digits));

export function formatCounts(counts: LabelCounts): string {
  const skipped = counts.skipped > 0 ? `; ${counts.skipped} with only an inspection planned left out` : '';
  return `${counts.confirmed + counts.refuted} labelled reviewed ads (${counts.confirmed} confirmed, ${counts.refuted} refuted)${skipped}`;
}

/** The cross-validation report as a person reads it: model, shuffled-labels control and baselines side by side. */
export function formatCvReport(cv: CvReport): string {
  const { model: m, shuffledLabels: s, baseline: b } = cv;
  const rows: string[][] = [
    ['precision', num(m.precision), num(s.precision), '-'],
    ['recall', num(m.recall), num(s.recall), '-'],
    ['F1', num(m.f1), num(s.f1), `${num(b.f1AllConfirmed)} (always "confirmed"); ${num(b.f1)} (always ${b.majorityClass})`],
    ['accuracy', num(m.accuracy), num(s.accuracy), `${num(b.accuracy)} (always ${b.majorityClass})`],
    ['ROC AUC', num(m.auc), num(s.auc), num(b.auc)],
  ];
  const folds = cv.perFold.map((f, i) => `${i + 1}: n ${f.n}, ${f.confirmed} confirmed, F1 ${num(f.f1, 2)}, AUC ${num(f.auc, 2)}`);
  return [
    `Cross-validation: ${cv.folds} folds, stratified, ads of one persona cluster kept together, seed ${cv.seed}; "confirmed" is the positive class, threshold 0.5.`,
    formatTable(['', 'model', 'shuffled labels', 'baseline'], rows),
    `Per fold: ${folds.join(' · ')}`,
  ].join('\n');
}

export function formatTopWords(words: { confirmed: WordWeight[]; refuted: WordWeight[] }): string {
  const list = (ws: WordWeight[]) => (ws.length === 0 ? '-' : ws.map((w) => w.stem).join(', '));
  return [`Stems that point to "confirmed": ${list(words.confirmed)}`, `Stems that point to "refuted":   ${list(words.refuted)}`].join('\n');
}

export function formatModelLine(model: RiskModelSummary): string {
  return `model ${model.id}, trained ${formatTime(model.trainedAt)} on ${model.confirmed} confirmed and ${model.refuted} refuted reviewed ads, ${model.active ? 'active' : 'not active'}`;
}

/** The per-indicator table of `zicht model report`. */
export function formatIndicatorRates(rows: readonly IndicatorRateRow[]): string {
  if (rows.length === 0) return 'No reviewed ads carry indicators yet: no confirmation rates.';
  const table = formatTable(
    ['indicator', 'weight', 'reviewed', 'confirmed', 'refuted', 'rate', '95% interval', 'note'],
    rows.map((r) => [
      r.code,
      num(r.weight, 2),
      String(r.reviewed),
      String(r.confirmed),
      String(r.refuted),
      num(r.rate, 2),
      r.interval ? `${num(r.interval.low, 2)}–${num(r.interval.high, 2)}` : '-',
      [r.code === 'text_model' ? 'learned signal' : '', r.smallSample ? `small sample (< ${SMALL_SAMPLE} decided)` : ''].filter(Boolean).join('; '),
    ]),
  );
  return [
    'How often a review confirmed each indicator (current decisions; indicators as the ad carried them when decided;',
    'rate = confirmed / (confirmed + refuted); a planned inspection counts as neither):',
    table,
  ].join('\n');
}
