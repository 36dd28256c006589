import { open, type FileHandle } from "node:fs/promises";
import type { AuditSettings } from "../auth/access.config";
import type { AuditRecord } from "../../graphql/audit-event/audit.record";
import type { AuditTrail } from "../../graphql/audit-event/audit-trail.types";
import type { Logger } from "../../shared/logging/logger.types";

/** The newest records kept in memory for `auditEvents`; older ones stay in the file. */
const AUDIT_RECORDS_KEPT = 10_000;
/** How much of an existing audit file is read back at start-up (its tail). */
const AUDIT_TAIL_BYTES = 8 * 1024 * 1024;

/**
 * - `file`: append-only JSON lines, opened with `O_APPEND`, one `fsync` per record.
 * - `stdout`: one JSON line per record on standard output.
 * - `log` (no access settings, e.g. the test harness): an `audit` line through the gateway's logger.
 */
export async function openAuditTrail(settings: AuditSettings | { sink: "log" }, logger: Logger): Promise<AuditTrail> {
  const kept: AuditRecord[] = [];
  const keep = (entry: AuditRecord) => {
    kept.push(entry);
    if (kept.length > AUDIT_RECORDS_KEPT) kept.splice(0, kept.length - AUDIT_RECORDS_KEPT);
  };
  let write: (line: string, entry: AuditRecord) => Promise<void>;
  let close = async () => undefined as void;
  switch (settings.sink) {
    case "file": {
      for (const entry of await readTail(settings.path)) keep(entry);
      const file: FileHandle = await open(settings.path, "a", 0o600);
      let queue: Promise<void> = Promise.resolve();
      write = (line) => {
        const done = queue.then(async () => {
          await file.appendFile(line);
          await file.sync();
        });
        queue = done.catch(() => undefined);
        return done;
      };
      close = async () => {
        await queue;
        await file.close();
      };
      break;
    }
    case "stdout":
      write = (line) => new Promise((resolve, reject) => process.stdout.write(line, (error) => (error ? reject(error) : resolve())));
      break;
    case "log":
      write = async (_line, entry) => logger.info("audit", { ...entry });
      break;
  }
  return {
    async record(entry) {
      keep(entry);
      try {
        await write(`${JSON.stringify(entry)}\n`, entry);
      } catch (error) {
        // The mutation has happened; refusing to answer would not undo it. Loud, not silent.
        logger.error("audit record could not be written", { correlationId: entry.correlationId, error });
      }
    },
    recent: () => [...kept].reverse(),
    close,
  };
}

async function readTail(path: string): Promise<AuditRecord[]> {
  let text: string;
  try {
    const handle = await open(path, "r");
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - AUDIT_TAIL_BYTES);
      const buffer = Buffer.alloc(size - start);
      await handle.read(buffer, 0, buffer.length, start);
      text = buffer.toString("utf8");
      // A partial first line (the tail cut it) is dropped.
      if (start > 0) text = text.slice(text.indexOf("\n") + 1);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as AuditRecord];
      } catch {
        return [];
      }
    });
}
