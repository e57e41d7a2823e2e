import type { CrawlJobProgress } from '../queue/index.js';
import type { CrawlRunSummary } from '../store/index.js';

/**
 * Live crawl progress on stderr: redrawn every second on a terminal, a plain line every
 * ten seconds otherwise (logs, CI).
 */
export class ProgressBoard {
  private readonly latest = new Map<string, CrawlJobProgress>();
  private readonly done = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private drawnLines = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly sites: readonly string[]) {}

  start(): void {
    this.timer = setInterval(() => this.draw(), this.tty ? 1_000 : 10_000);
    this.timer.unref();
  }

  update(progress: CrawlJobProgress): void {
    this.latest.set(progress.site, progress);
  }

  finish(site: string): void {
    this.done.add(site);
  }

  stop(): void {
    clearInterval(this.timer);
    this.draw();
  }

  private draw(): void {
    const lines = this.sites.map((site) => this.line(site));
    if (this.tty && this.drawnLines > 0) process.stderr.write(`\x1b[${this.drawnLines}A\x1b[J`);
    process.stderr.write(`${lines.join('\n')}\n`);
    this.drawnLines = lines.length;
  }

  private line(site: string): string {
    const p = this.latest.get(site);
    const state = this.done.has(site) ? 'done    ' : p ? 'crawling' : 'queued  ';
    if (!p) return `${site.padEnd(12)} ${state}`;
    const errors = p.pagesFailed > 0 ? ` (${p.pagesFailed} failed)` : '';
    const secs = (p.elapsedMs / 1000).toFixed(0);
    return `${site.padEnd(12)} ${state} pages ${p.pagesOk}${errors} · ads ${p.ads} · queued ${p.queued} · ${p.pagesPerSec.toFixed(1)} pages/s · ${secs}s`;
  }
}

/** The end-of-crawl table printed by `zicht start` and `zicht crawl`. */
export function formatSummary(summaries: CrawlRunSummary[]): string {
  const header = ['site', 'status', 'pages', 'failed', 'ads', 'new', 'changed', 'unchanged', 'gone', 'seconds'];
  const rows = summaries.map((s) => [
    s.site,
    s.status,
    s.pages,
    s.pagesFailed,
    s.adsSeen,
    s.adsNew,
    s.adsChanged,
    s.adsUnchanged,
    s.adsGone,
    s.finishedAt ? ((s.finishedAt.getTime() - s.startedAt.getTime()) / 1000).toFixed(1) : '-',
  ].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}
