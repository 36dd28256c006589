import type { IncomingMessage } from "node:http";

/** The RPC body limit: 1 MiB, far above any real RPC call (20 IDs and weights are < 2 KiB). */
export const RPC_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Past this many bytes the reader stops draining and the connection is destroyed: reading (and
 * discarding) a too-large body lets the client see the 413 instead of a reset, but not forever.
 */
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

export type BodyReadResult =
  | { kind: "complete"; body: Buffer }
  | { kind: "tooLarge" }
  /** The client went away or sent more than the drain cap; there is nobody left to answer. */
  | { kind: "aborted" };

/**
 * Reads a request body up to `limitBytes`. A larger body is drained without being kept, so the
 * server can still answer 413 on a healthy connection.
 */
export function readRequestBody(request: IncomingMessage, limitBytes: number): Promise<BodyReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (result: BodyReadResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    request.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAIN_CAP_BYTES) {
        settle({ kind: "aborted" });
        request.destroy();
        return;
      }
      if (received <= limitBytes) chunks.push(chunk);
    });
    request.on("end", () =>
      settle(received > limitBytes ? { kind: "tooLarge" } : { kind: "complete", body: Buffer.concat(chunks, received) }),
    );
    request.on("error", () => settle({ kind: "aborted" }));
    request.on("close", () => settle({ kind: "aborted" }));
  });
}
