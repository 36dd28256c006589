import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * The benchmarks run the gateway as production does (NODE_ENV=production), which refuses to start
 * without authentication (docs/security.md, "Secure defaults"). So every bench run makes its own
 * API key, valid for that run only, bound to a policy granting everything in the bench's region;
 * the figures then include what authenticating and authorizing each request costs.
 */
const BENCH_API_KEY = `essgw_${randomBytes(32).toString("base64url")}`;

/** `Authorization` for every request a bench sends to the gateway. */
export const BENCH_AUTHORIZATION = `Bearer ${BENCH_API_KEY}`;

let files: { keys: string; policy: string } | undefined;

/** The keys and policy files of this run (written once, to a fresh temporary folder). */
export function benchAccessFiles(regionId: string): { keys: string; policy: string } {
  if (files) return files;
  const folder = mkdtempSync(path.join(tmpdir(), "ess-bench-access-"));
  const keys = path.join(folder, "api-keys.yaml");
  const policy = path.join(folder, "policy.yaml");
  const sha256 = createHash("sha256").update(BENCH_API_KEY).digest("hex");
  writeFileSync(keys, `keys:\n  - name: bench\n    sha256: ${sha256}\n`, { mode: 0o600 });
  writeFileSync(
    policy,
    [
      "version: 1",
      "bindings:",
      "  - name: bench",
      "    match: { apiKeys: [bench] }",
      "    grants:",
      "      - operations: [read, attach, detach, lifecycle, subscribe]",
      `        regions: [${regionId}]`,
      '        scalingGroups: "*"',
      "      - operations: [audit]",
      "",
    ].join("\n"),
  );
  files = { keys, policy };
  return files;
}
