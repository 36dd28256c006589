import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { isIP } from "node:net";
import { parseGatewayCommand } from "../../../src/server/config/gateway-config.parser";
import { ConfigError } from "../../../src/server/config/config.errors";
import { defaultAllowedHosts } from "../../../src/server/http/host-allow-list";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";
import { firstError, postTypename, rawRequest, tryUpgrade, type RawAnswer } from "../../support/exposure-test-support";

function assertHostRefused(answer: RawAnswer | "open"): void {
  assert.notEqual(answer, "open", "the socket must not open");
  const refused = answer as RawAnswer;
  assert.equal(refused.status, 421);
  assert.match(String(refused.headers["content-type"]), /application\/json/);
  const error = firstError(refused);
  assert.equal(error.extensions.code, "HOST_NOT_ALLOWED");
  assert.equal(typeof error.extensions.correlationId, "string");
  assert.ok(!refused.text.includes("rebind.example"), "the foreign Host is not echoed");
}

describe("Host allow-list (DNS rebinding)", () => {
  let harness: GatewayHarness;
  let port: string;
  before(async () => {
    harness = await startGatewayHarness();
    port = new URL(harness.url).port;
  });
  after(() => harness.close());

  test("a foreign Host is refused with 421 JSON on /graphql, the health routes and the IDE, and nothing runs", async () => {
    harness.control.resetCallCounts();
    const foreign = { host: `rebind.example:${port}` };
    assertHostRefused(await postTypename(harness.url, foreign));
    const attach = JSON.stringify({
      query: `mutation { attachInstances(input: { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instances: [{ instanceId: "i-demo-0041" }] }) { __typename } }`,
    });
    assertHostRefused(
      await rawRequest(harness.url, {
        method: "POST",
        headers: { ...foreign, "content-type": "application/json", origin: `http://rebind.example:${port}` },
        body: attach,
      }),
    );
    for (const path of ["/healthz", "/readyz", "/ide/", "/graphql"]) {
      assertHostRefused(await rawRequest(new URL(path, harness.url).href, { headers: { ...foreign, accept: "text/html" } }));
    }
    assert.deepEqual(harness.control.callCounts(), {}, "no upstream call");
  });

  test("a foreign Host is refused on the WebSocket upgrade with an HTTP 421, before the socket opens", async () => {
    assertHostRefused(await tryUpgrade(harness.url, { host: `rebind.example:${port}` }));
    assertHostRefused(await tryUpgrade(harness.url, { host: "rebind.example", origin: "http://rebind.example" }));
  });

  test("an upgrade on another path is answered 404 JSON", async () => {
    const answer = await tryUpgrade(new URL("/elsewhere", harness.url).href);
    assert.notEqual(answer, "open");
    assert.equal((answer as RawAnswer).status, 404);
    assert.equal(firstError(answer as RawAnswer).extensions.code, "NOT_FOUND");
  });

  test("the loopback names pass, with or without the port, on HTTP and the upgrade", async () => {
    for (const host of [`127.0.0.1:${port}`, "127.0.0.1", `localhost:${port}`, "LOCALHOST", `[::1]:${port}`, "[::1]"]) {
      const answer = await postTypename(harness.url, { host });
      assert.equal(answer.status, 200, host);
      assert.equal(await tryUpgrade(harness.url, { host }), "open", host);
    }
  });

  test("a name that only looks like an allowed one is refused", async () => {
    for (const host of ["localhost.rebind.example", "127.0.0.1.nip.io", "localhost.", `evil@127.0.0.1:${port}`]) {
      assertHostRefused(await postTypename(harness.url, { host }));
    }
  });
});

describe("Host allow-list: configured names", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness({ config: { allowedHosts: ["gateway.example.com"] } });
  });
  after(() => harness.close());

  test("ESS_GATEWAY_ALLOWED_HOSTS adds names to the bound address's own", async () => {
    assert.equal((await postTypename(harness.url, { host: "gateway.example.com" })).status, 200);
    assert.equal((await postTypename(harness.url, { host: "GATEWAY.example.com:443" })).status, 200);
    assert.equal(await tryUpgrade(harness.url, { host: "gateway.example.com" }), "open");
    assert.equal((await postTypename(harness.url)).status, 200, "127.0.0.1 still passes");
    assertHostRefused(await postTypename(harness.url, { host: "other.example.com" }));
  });
});

describe("Host allow-list: settings and defaults", () => {
  test("defaults: loopback names on loopback; the bound address elsewhere; every interface address on a wildcard", () => {
    assert.deepEqual(defaultAllowedHosts("127.0.0.1"), ["localhost", "127.0.0.1", "[::1]"]);
    assert.deepEqual(defaultAllowedHosts("::1"), ["localhost", "127.0.0.1", "[::1]"]);
    assert.deepEqual(defaultAllowedHosts("10.1.2.3"), ["10.1.2.3"]);
    const wildcard = defaultAllowedHosts("0.0.0.0");
    assert.ok(wildcard.includes("localhost") && wildcard.includes("127.0.0.1"), wildcard.join());
    assert.deepEqual(
      wildcard.filter((name) => isIP(name.replace(/^\[(.*)\]$/, "$1")) === 0),
      ["localhost"],
      "no names but localhost",
    );
  });

  test("ESS_GATEWAY_ALLOWED_HOSTS / --allowed-hosts: validated, normalized, * alone", () => {
    const parsed = parseGatewayCommand({ ESS_GATEWAY_ALLOWED_HOSTS: "Gateway.Example.com, ::1 ,10.0.0.5" }, []);
    assert.equal(parsed.kind, "start");
    assert.deepEqual(parsed.kind === "start" ? parsed.config.allowedHosts : null, ["gateway.example.com", "[::1]", "10.0.0.5"]);
    const flag = parseGatewayCommand({ ESS_GATEWAY_ALLOWED_HOSTS: "a.example" }, ["--allowed-hosts", "*"]);
    assert.deepEqual(flag.kind === "start" ? flag.config.allowedHosts : null, ["*"]);
    for (const bad of ["gateway.example.com:443", "http://gateway.example.com", "*,a.example", "a b", ","]) {
      assert.throws(
        () => parseGatewayCommand({ ESS_GATEWAY_ALLOWED_HOSTS: bad }, []),
        (error: unknown) => error instanceof ConfigError && /ESS_GATEWAY_ALLOWED_HOSTS \(--allowed-hosts\)/.test(error.message),
        bad,
      );
    }
  });
});
