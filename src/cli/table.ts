/** A plain-text table: padded columns, a rule under the header; trailing blanks trimmed. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

/** `2025-01-02 03:17` in a time zone (default Europe/Amsterdam), or `-`. */
export function formatTime(date: Date | null | undefined, tz = 'Europe/Amsterdam'): string {
  if (!date) return '-';
  return new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(date);
}
