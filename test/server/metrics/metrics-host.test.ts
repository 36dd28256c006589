import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** GET `url` with an explicit Host header (fetch cannot set one). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
  });
}

/** The separate `/metrics` listener applies the Host allow-list too (DNS rebinding, docs/security.md). */
describe("the metrics listener's Host check", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({
      telemetry: {
        metrics: { exposure: "separate", host: "127.0.0.1", port: 0, token: null, maxOperationNames: 100 },
        tracing: { enabled: false },
      },
    });
  });
  after(() => harness.close());

  test("a foreign Host is refused with 421; the bound address's names are served", async () => {
    const url = harness.gateway.metricsUrl!;
    const port = new URL(url).port;
    assert.equal(await getWithHost(url, `attacker.example:${port}`), 421);
    assert.equal(await getWithHost(url, `127.0.0.1:${port}`), 200);
    assert.equal(await getWithHost(url, `localhost:${port}`), 200);
  });
});
