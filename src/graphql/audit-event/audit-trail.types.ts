import type { AuditRecord } from "./audit.record";

/**
 * Where audit records go (the server opens one: src/server/audit/audit.trail.ts). `record`
 * resolves once the record is durable, and the mutation resolver awaits it, so a record is on
 * disk before its response is sent.
 */
export interface AuditTrail {
  record(entry: AuditRecord): Promise<void>;
  /** The newest records first (at most `AUDIT_RECORDS_KEPT`, from this run and the file's tail). */
  recent(): readonly AuditRecord[];
  close(): Promise<void>;
}
