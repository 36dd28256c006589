import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readHttpSettings } from "../../src/server/http/http.config";
import { startGatewayHarness, type GatewayHarness } from "../support/gateway-harness";
import { ensureIdeBundle } from "../ide/ide-test-support";

const BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

describe("serving the IDE (ESS_GATEWAY_IDE_ENABLED, the default)", () => {
  let harness: GatewayHarness;
  let origin: string;
  before(async () => {
    ensureIdeBundle();
    harness = await startGatewayHarness();
    origin = new URL(harness.url).origin;
  });
  after(() => harness.close());

  test("a browser opening /graphql gets the IDE page, locked to the gateway's origin by CSP", async () => {
    const response = await fetch(harness.url, { headers: { accept: BROWSER_ACCEPT } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/html/);
    const csp = response.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'self'", "script-src 'self'", "connect-src 'self'", "worker-src 'self'"]) {
      assert.ok(csp.includes(directive), directive);
    }
    assert.match(response.headers.get("vary") ?? "", /Accept/);
    const html = await response.text();
    assert.match(html, /<meta name="graphql-endpoint" content="\/graphql" \/>/);
    assert.match(html, /src="\/ide\/main\.js"/);
    assert.doesNotMatch(html, /https?:\/\//, "the page references no other host");
  });

  test("the IDE has its own path, /ide/, and serves its assets there", async () => {
    for (const path of ["/ide", "/ide/", "/ide/index.html"]) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /<div id="graphiql">/, path);
    }
    for (const [asset, type] of [
      ["main.js", /javascript/],
      ["main.css", /css/],
      ["graphql.worker.js", /javascript/],
      ["json.worker.js", /javascript/],
      ["editor.worker.js", /javascript/],
    ] as const) {
      const response = await fetch(`${origin}/ide/${asset}`);
      assert.equal(response.status, 200, asset);
      assert.match(response.headers.get("content-type") ?? "", type, asset);
      assert.equal(response.headers.get("x-content-type-options"), "nosniff");
      await response.arrayBuffer();
    }
    const missing = await fetch(`${origin}/ide/nope.js`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get("content-type") ?? "", /^application\/json/);
  });

  test("API clients asking /graphql for JSON never get HTML", async () => {
    for (const accept of ["application/json", "application/graphql-response+json", "*/*"]) {
      const response = await fetch(`${harness.url}?query=${encodeURIComponent("{ __typename }")}`, {
        headers: { accept, "apollo-require-preflight": "true" },
      });
      assert.equal(response.status, 200, accept);
      assert.deepEqual(await response.json(), { data: { __typename: "Query" } });
    }
  });
});

describe("the IDE turned off (ESS_GATEWAY_IDE_ENABLED=false)", () => {
  let harness: GatewayHarness;
  let origin: string;
  before(async () => {
    harness = await startGatewayHarness({ http: readHttpSettings({ ESS_GATEWAY_IDE_ENABLED: "false" }) });
    origin = new URL(harness.url).origin;
  });
  after(() => harness.close());

  test("no HTML anywhere: /graphql answers as an API, /ide is not found", async () => {
    const page = await fetch(harness.url, { headers: { accept: BROWSER_ACCEPT } });
    assert.doesNotMatch(page.headers.get("content-type") ?? "", /html/);
    assert.equal(page.status, 400);
    assert.ok(!(await page.text()).includes("<html"));
    for (const path of ["/ide/", "/ide/main.js"]) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 404, path);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/, path);
      assert.match(await response.text(), /ESS_GATEWAY_IDE_ENABLED=false/, path);
    }
  });
});

describe("a custom IDE path (ESS_GATEWAY_IDE_PATH)", () => {
  let harness: GatewayHarness;
  before(async () => {
    ensureIdeBundle();
    harness = await startGatewayHarness({ http: readHttpSettings({ ESS_GATEWAY_IDE_PATH: "/tools/graphiql/" }) });
  });
  after(() => harness.close());

  test("the page and its assets move to the configured path", async () => {
    const origin = new URL(harness.url).origin;
    const html = await (await fetch(`${origin}/tools/graphiql/`)).text();
    assert.match(html, /src="\/tools\/graphiql\/main\.js"/);
    assert.equal((await fetch(`${origin}/tools/graphiql/main.js`)).status, 200);
    assert.equal((await fetch(`${origin}/ide/`)).status, 404);
  });
});
