import { TIMESTAMP_TOLERANCE_MS } from "./request-timestamp.validator";
import { protocolErrors } from "./protocol.errors";

/**
 * Rejects a `SignatureNonce` / `x-acs-signature-nonce` that an AccessKey already used, as the POP
 * gateway does (400 `SignatureNonceUsed`).
 *
 * A nonce only has to be remembered while a request carrying it could still pass the timestamp
 * check: a timestamp may be up to 15 minutes in the future and is accepted for 15 minutes after
 * that, so each nonce is kept for 30 minutes after it was first seen. Expired entries are swept
 * lazily, at most once a minute, so memory stays proportional to the recent request rate.
 */
export class NonceReplayGuard {
  private readonly seen = new Map<string, Map<string, number>>();
  private lastSweepMs = 0;

  constructor(private readonly retentionMs = 2 * TIMESTAMP_TOLERANCE_MS) {}

  /** Throws `SignatureNonceUsed` when the key already used `nonce`. Does not record it. */
  assertUnused(accessKeyId: string, nonce: string, nowMs: number): void {
    const expiresAt = this.seen.get(accessKeyId)?.get(nonce);
    if (expiresAt !== undefined && expiresAt > nowMs) throw protocolErrors.signatureNonceUsed();
  }

  /**
   * Records `nonce` for the key. Called only once the request is fully authenticated, so that an
   * unauthenticated request cannot burn someone else's nonce.
   */
  record(accessKeyId: string, nonce: string, nowMs: number): void {
    this.sweep(nowMs);
    let nonces = this.seen.get(accessKeyId);
    if (!nonces) {
      nonces = new Map();
      this.seen.set(accessKeyId, nonces);
    }
    nonces.set(nonce, nowMs + this.retentionMs);
  }

  clear(): void {
    this.seen.clear();
  }

  private sweep(nowMs: number): void {
    if (nowMs - this.lastSweepMs < 60_000) return;
    this.lastSweepMs = nowMs;
    for (const [accessKeyId, nonces] of this.seen) {
      for (const [nonce, expiresAt] of nonces) if (expiresAt <= nowMs) nonces.delete(nonce);
      if (nonces.size === 0) this.seen.delete(accessKeyId);
    }
  }
}
