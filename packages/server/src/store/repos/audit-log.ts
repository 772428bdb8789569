// The audit log: who did what to which subject, appended by every mutating route and never edited.
import type { Kysely } from 'kysely';
import type { AuditLogTable, Database } from '../schema.js';
import { fromJsonColumn, toJsonColumn } from '../json-column.js';

export interface AuditEntry {
  id: string;
  at: string;
  userId: string | null;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  subject?: string;
  userId?: string;
  /** Default 100, newest first. */
  limit?: number;
}

export interface AuditLogRepo {
  append(entry: AuditEntry): Promise<AuditEntry>;
  list(query?: AuditQuery): Promise<AuditEntry[]>;
}

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    action: row.action,
    subject: row.subject,
    details: fromJsonColumn(row.details_json) as Record<string, unknown>,
  };
}

export function auditLogRepo(db: Kysely<Database>): AuditLogRepo {
  return {
    async append(e) {
      await db
        .insertInto('audit_log')
        .values({
          id: e.id,
          at: e.at,
          user_id: e.userId,
          action: e.action,
          subject: e.subject,
          details_json: toJsonColumn(e.details),
        })
        .execute();
      return e;
    },
    async list(query = {}) {
      let q = db.selectFrom('audit_log').selectAll();
      if (query.subject !== undefined) q = q.where('subject', '=', query.subject);
      if (query.userId !== undefined) q = q.where('user_id', '=', query.userId);
      const rows = await q
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit ?? 100)
        .execute();
      return rows.map(toEntry);
    },
  };
}
