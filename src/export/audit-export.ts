import { audit, type Db } from '../store/index.js';
import type { ExportFormat } from './render-export.js';
import type { ExportTable } from './trend-model.js';

/** Who asked for an export: a web account, or `cli:<os user>` with no account. */
export interface ExportActor {
  userId: string | null;
  username: string;
}

/**
 * Records an export in the audit log (DOMAIN.md: every export lands there): what was asked and
 * how big the answer was, never its content. Call it once the file is written or sent.
 */
export async function auditExport(db: Db, actor: ExportActor, table: ExportTable, format: ExportFormat | 'charts', file?: string): Promise<void> {
  await audit(db, {
    userId: actor.userId,
    username: actor.username,
    action: 'export',
    target: table.kind,
    details: {
      from: table.from,
      to: table.to,
      by: table.by,
      format,
      rows: table.rows.length,
      suppressed: table.suppressed,
      ...(file ? { file } : {}),
    },
  });
}
