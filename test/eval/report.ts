import { OBFUSCATION_KINDS } from './corpus.js';
import { prf, rate, type Accuracy, type Miss, type Score, type SetCounts, type SourceScore } from './score.js';

const NONE = '—';

function num(x: number | null): string {
  return x === null ? NONE : x.toFixed(3);
}

function acc(a: Accuracy): string {
  return a.total === 0 ? NONE : `${num(rate(a))} (${a.correct}/${a.total})`;
}

function precision(c: SetCounts): string {
  const n = c.tp + c.fp;
  return n === 0 ? NONE : `${num(prf(c).precision)} (${c.tp}/${n})`;
}

function recall(c: SetCounts): string {
  const n = c.tp + c.fn;
  return n === 0 ? NONE : `${num(prf(c).recall)} (${c.tp}/${n})`;
}

/** Pads cells into aligned columns; the first column left-aligned, the rest too (figures have fixed width). */
export function table(rows: string[][], gap = 2): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length + gap))).join('').trimEnd()).join('\n');
}

const METRICS: [string, (s: Score) => string][] = [
  ['ads', (s) => String(s.ads)],
  ['phone precision', (s) => precision(s.phones)],
  ['phone recall', (s) => recall(s.phones)],
  ['phone F1', (s) => num(prf(s.phones).f1)],
  ['phones found, not expected', (s) => String(s.phones.fp)],
  ['obfuscated-flag accuracy', (s) => acc(s.obfuscatedFlag)],
  ['recall plain numbers', (s) => acc(s.recallByKind.plain ?? { correct: 0, total: 0 })],
  ...OBFUSCATION_KINDS.map((kind): [string, (s: Score) => string] => [`recall obscured: ${kind}`, (s) => acc(s.recallByKind[kind] ?? { correct: 0, total: 0 })]),
  ['recall obscured: all kinds', (s) => acc(s.obscuredRecall)],
  ['municipality accuracy', (s) => acc(s.municipality)],
  ['district accuracy', (s) => acc(s.district)],
  ['age accuracy', (s) => acc(s.age)],
  ['permit precision', (s) => precision(s.permits)],
  ['permit recall', (s) => recall(s.permits)],
  ['price/hour accuracy', (s) => acc(s.pricePerHour)],
  ['availability (24/7) accuracy', (s) => acc(s.availability)],
  ['work settings: exact set', (s) => acc(s.workSettings)],
  ['work settings: P / R', (s) => pr(s.workSettingCounts)],
  ['languages: exact set', (s) => acc(s.languages)],
  ['languages: P / R', (s) => pr(s.languageCounts)],
];

function pr(c: SetCounts): string {
  const { precision: p, recall: r } = prf(c);
  return p === null && r === null ? NONE : `${num(p)} / ${num(r)}`;
}

/** The main table: one row per figure, one column per source. */
export function formatScores(scores: SourceScore[]): string {
  const header = ['', ...scores.map((s) => s.name)];
  return table([header, ...METRICS.map(([label, cell]) => [label, ...scores.map(cell)])]);
}

/** A compact breakdown by group (corpus file or fixture site). */
export function formatGroups(score: SourceScore): string {
  const header = ['group', 'ads', 'phone P', 'phone R', 'phone F1', 'obscured R', 'municip.', 'district', 'age', 'permit R'];
  const rows = score.groups.map((g) => {
    const p = prf(g.phones);
    return [g.name, String(g.ads), num(p.precision), num(p.recall), num(p.f1), num(rate(g.obscuredRecall)), num(rate(g.municipality)), num(rate(g.district)), num(rate(g.age)), num(prf(g.permits).recall)];
  });
  return table([header, ...rows]);
}

const FIELD_ORDER = ['phone', 'obfuscated', 'municipality', 'district', 'age', 'permit', 'price', 'availability', 'settings', 'languages'];

/** Counts of misses per kind: `phone missed`, `phone extra`, `municipality`, … */
export function missSummary(misses: Miss[]): string {
  const counts = new Map<string, number>();
  for (const m of misses) {
    const key = m.field === 'phone' ? (m.expected === NONE ? 'phone extra' : 'phone missed') : m.field;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = ['phone missed', 'phone extra', ...FIELD_ORDER.slice(1)].filter((k) => counts.has(k));
  return keys.length === 0 ? 'none' : keys.map((k) => `${k} ${counts.get(k)}`).join(' · ');
}

/** The misses of one source, grouped by field, at most `cap` rows (all when cap is Infinity). */
export function formatMisses(score: SourceScore, cap: number): string {
  const sorted = [...score.misses].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  const shown = sorted.slice(0, cap);
  const head = `Misses — ${score.name}: ${score.misses.length} (${missSummary(score.misses)})`;
  if (shown.length === 0) return head;
  const rows = [['id', 'field', 'expected', 'got', 'hint'], ...shown.map((m) => [m.id, m.field, m.expected, m.got, m.hint])];
  const more = sorted.length > shown.length ? `\n… ${sorted.length - shown.length} more (run with --all to list every miss)` : '';
  return `${head}\n${table(rows)}${more}`;
}

/** The whole report `npm run eval` prints. */
export function formatReport(scores: SourceScore[], options: { cap: number; seconds?: number }): string {
  const parts = [
    'zicht extraction evaluation',
    scores.map((s) => `  ${s.name}: ${s.description}`).join('\n'),
    '',
    formatScores(scores),
  ];
  for (const s of scores.filter((x) => x.groups.length > 1)) parts.push('', `By group — ${s.name}`, formatGroups(s));
  for (const s of scores) parts.push('', formatMisses(s, options.cap));
  if (options.seconds !== undefined) parts.push('', `(${options.seconds.toFixed(1)} s)`);
  return parts.join('\n');
}
