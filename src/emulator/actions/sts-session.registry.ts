import { randomBytes } from "node:crypto";
import type { AccessKeyRecord } from "../emulator-core.types";
import type { WorldFile, WorldRamRole } from "../world/world.types";

/** Expired temporary keys are still recognized (and answered `Expired`) for this long, then forgotten. */
const EXPIRED_KEPT_MS = 15 * 60_000;
/** At most this many live sessions: a client looping on AssumeRole cannot grow the emulator without bound. */
const MAX_SESSIONS = 10_000;

/**
 * The temporary AccessKeys STS AssumeRole issued, in memory (a restart forgets them, as if they had
 * expired), and the RAM roles of the world. Each key belongs to the role's account: requests signed
 * with it act there, and the authenticator refuses it once `expiresAtMs` has passed.
 */
export class StsSessionRegistry {
  private readonly keys = new Map<string, AccessKeyRecord>();

  constructor(
    private readonly world: () => WorldFile,
    private readonly nowMs: () => number = Date.now,
  ) {}

  /** The role `roleName` (case-insensitive) of `accountId`, if the world has it. */
  role(accountId: string, roleName: string): WorldRamRole | undefined {
    const account = this.world().accounts.find((candidate) => candidate.accountId === accountId);
    return account?.ramRoles?.find((role) => role.roleName.toLowerCase() === roleName.toLowerCase());
  }

  issue(accountId: string, expiresAtMs: number): AccessKeyRecord {
    this.prune();
    const record: AccessKeyRecord = {
      accessKeyId: `STS.${randomBytes(12).toString("hex")}`,
      accessKeySecret: randomBytes(24).toString("base64url"),
      securityToken: `CAIS${randomBytes(48).toString("base64url")}`,
      accountId,
      expiresAtMs,
    };
    this.keys.set(record.accessKeyId, record);
    return record;
  }

  find(accessKeyId: string): AccessKeyRecord | undefined {
    return this.keys.get(accessKeyId);
  }

  private prune(): void {
    const now = this.nowMs();
    for (const [id, key] of this.keys) {
      if ((key.expiresAtMs ?? now) + EXPIRED_KEPT_MS < now) this.keys.delete(id);
    }
    // Oldest first (insertion order) when still over the bound.
    for (const id of this.keys.keys()) {
      if (this.keys.size < MAX_SESSIONS) break;
      this.keys.delete(id);
    }
  }
}
