import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { auditServer, type AuditResult } from "graphql-http";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/**
 * The audits that do not pass, each explained in docs/http.md ("graphql-http audit"). Listed
 * exactly, so a new warning or notice (or one that disappears) fails this test and gets looked at.
 */
const EXPLAINED_WITHOUT_PREFLIGHT_HEADER: Record<string, AuditResult["status"]> = {
  // GETs without `apollo-require-preflight` are refused by Apollo's CSRF prevention (on purpose).
  "5A70": "notice",
  D6D5: "notice",
  "6A70": "notice",
  // Apollo answers request errors with 400 also for legacy `Accept: application/json` clients.
  "572B": "warn",
  FDE2: "warn",
  "7B9B": "warn",
};

function nonOk(results: AuditResult[]): Record<string, AuditResult["status"]> {
  return Object.fromEntries(results.filter((result) => result.status !== "ok").map((result) => [result.id, result.status]));
}

describe("graphql-http server audits (GraphQL over HTTP conformance)", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  test("0 errors; the warnings and notices are exactly the explained ones", async () => {
    const results = await auditServer({ url: harness.url });
    assert.ok(results.length >= 60, `expected the full audit suite, got ${results.length}`);
    assert.deepEqual(
      results.filter((result) => result.status === "error").map((result) => `${result.id} ${result.name}`),
      [],
    );
    assert.deepEqual(nonOk(results), EXPLAINED_WITHOUT_PREFLIGHT_HEADER);
  });

  test("with the apollo-require-preflight header (what a frontend sends for GET), the GET notices disappear", async () => {
    const fetchWithPreflightHeader: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("apollo-require-preflight", "true");
      return fetch(input, { ...init, headers });
    };
    const results = await auditServer({ url: harness.url, fetchFn: fetchWithPreflightHeader });
    assert.deepEqual(nonOk(results), { "572B": "warn", FDE2: "warn", "7B9B": "warn" });
  });
});
