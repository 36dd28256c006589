import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { readHttpSettings } from "../../../src/server/http/http.config";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";
import { ensureIdeBundle } from "../../support/ide-test-support";

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
    assert.match(html, /src="\/ide\/main-[A-Z2-7]{8}\.js"/);
    assert.doesNotMatch(html, /https?:\/\//, "the page references no other host");
  });

  test("the IDE has its own path, /ide/, and serves its assets there", async () => {
    for (const path of ["/ide", "/ide/", "/ide/index.html"]) {
      const response = await fetch(`${origin}${path}`);
      assert.equal(response.status, 200, path);
      assert.match(await response.text(), /<div id="graphiql">/, path);
    }
    const { mainJs, mainCss, workers } = await bundleAssets(origin);
    for (const [asset, type] of [
      [mainJs, /javascript/],
      [mainCss, /css/],
      ...workers.map((worker) => [worker, /javascript/] as const),
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

describe("the IDE's assets: compressed, and cached for a year under content-hashed names", () => {
  let harness: GatewayHarness;
  let origin: string;
  let assets: BundleAssets;
  before(async () => {
    ensureIdeBundle();
    harness = await startGatewayHarness();
    origin = new URL(harness.url).origin;
    assets = await bundleAssets(origin);
  });
  after(() => harness.close());

  test("every asset the page and its script load has a content-hashed name", () => {
    for (const name of [assets.mainJs, assets.mainCss, ...assets.workers]) assert.match(name, /-[A-Z2-7]{8}\.(js|css)$/);
    assert.deepEqual(assets.workers.map((name) => name.replace(/-.*/, "")).sort(), ["editor.worker", "graphql.worker", "json.worker"]);
  });

  for (const [acceptEncoding, expected] of [
    ["gzip, deflate, br, zstd", "br"],
    ["br", "br"],
    ["gzip", "gzip"],
    ["br;q=0, gzip", "gzip"],
    ["identity", undefined],
    [undefined, undefined],
  ] as const) {
    test(`Accept-Encoding ${JSON.stringify(acceptEncoding ?? null)} gets ${expected ?? "the plain file"}, the same bytes once decoded, cached immutably`, async () => {
      const plain = await rawGet(`${origin}/ide/${assets.mainJs}`, { "accept-encoding": "identity" });
      const response = await rawGet(
        `${origin}/ide/${assets.mainJs}`,
        acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding },
      );
      assert.equal(response.status, 200);
      assert.equal(response.headers["content-encoding"], expected);
      assert.match(String(response.headers["content-type"]), /javascript/);
      assert.match(String(response.headers.vary), /Accept-Encoding/i);
      assert.equal(response.headers["cache-control"], "public, max-age=31536000, immutable");
      assert.equal(Number(response.headers["content-length"]), response.body.length);
      const decoded =
        expected === "br" ? brotliDecompressSync(response.body) : expected === "gzip" ? gunzipSync(response.body) : response.body;
      assert.ok(decoded.equals(plain.body), "the decoded body is the script itself");
      if (expected !== undefined)
        assert.ok(response.body.length < plain.body.length / 3, `${expected}: ${response.body.length} of ${plain.body.length} bytes`);
    });
  }

  test("the stylesheet and the workers are compressed too", async () => {
    for (const name of [assets.mainCss, ...assets.workers]) {
      const response = await rawGet(`${origin}/ide/${name}`, { "accept-encoding": "br" });
      assert.equal(response.headers["content-encoding"], "br", name);
      assert.equal(response.headers["cache-control"], "public, max-age=31536000, immutable", name);
    }
  });

  test("the page itself is not cached without revalidation (it names the current hashes)", async () => {
    for (const path of ["/ide/", "/graphql"]) {
      const response = await rawGet(`${origin}${path}`, { accept: BROWSER_ACCEPT });
      assert.equal(response.status, 200);
      assert.equal(response.headers["cache-control"], "no-cache", path);
    }
  });

  test("the compressed copies are not served as files of their own", async () => {
    for (const name of [`${assets.mainJs}.br`, `${assets.mainJs}.gz`]) {
      assert.equal((await rawGet(`${origin}/ide/${name}`, {})).status, 404, name);
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
    for (const path of ["/ide/", "/ide/main.js", "/ide/main-7PWXPCYV.js"]) {
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
    const script = /src="\/tools\/graphiql\/(main-[A-Z2-7]{8}\.js)"/.exec(html);
    assert.ok(script, html);
    assert.equal((await fetch(`${origin}/tools/graphiql/${script[1]}`)).status, 200);
    assert.equal((await fetch(`${origin}/ide/`)).status, 404);
  });
});

interface BundleAssets {
  mainJs: string;
  mainCss: string;
  workers: string[];
}

/** The asset names as a browser finds them: the page names script and stylesheet, the script names its workers. */
async function bundleAssets(origin: string): Promise<BundleAssets> {
  const html = await (await fetch(`${origin}/ide/`)).text();
  const mainJs = /<script[^>]+src="\/ide\/([^"]+)"/.exec(html)?.[1];
  const mainCss = /<link rel="stylesheet" href="\/ide\/([^"]+)"/.exec(html)?.[1];
  assert.ok(mainJs && mainCss, html);
  const script = await (await fetch(`${origin}/ide/${mainJs}`)).text();
  const workers = [...new Set(script.match(/[a-z]+\.worker-[A-Z2-7]{8}\.js/g) ?? [])];
  return { mainJs, mainCss, workers };
}

/** A GET that shows the bytes as sent (fetch would decode them and drop Content-Encoding's effect). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on("error", reject);
      })
      .on("error", reject);
  });
}
