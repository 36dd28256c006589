import assert from "node:assert/strict";
import http from "node:http";
import { after, before, describe, test } from "node:test";
import { ensureIdeBundle } from "../../support/ide-test-support";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/**
 * A plain GET. Not fetch: the fetch standard turns a request with `If-None-Match` into a
 * `Cache-Control: no-cache` one, which no server answers with 304.
 */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      })
      .on("error", reject);
  });
}

const QUERY = '{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-web") { id maxSize } }';

/**
 * docs/http.md, "Caching": GraphQL answers are live state, executed on every request, so they
 * carry no ETag (Express would hash every body for it) and a conditional GET still gets the
 * result. The IDE's static files keep their ETag revalidation.
 */
describe("response caching headers", () => {
  let harness: GatewayHarness;
  let origin: string;
  before(async () => {
    ensureIdeBundle();
    harness = await startGatewayHarness();
    origin = new URL(harness.url).origin;
  });
  after(() => harness.close());

  test("a POSTed query has no ETag and no Cache-Control", async () => {
    const response = await harness.post(JSON.stringify({ query: QUERY }));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("etag"), null);
    assert.equal(response.headers.get("cache-control"), null);
    assert.match(response.text, /"asg-demo-web"/);
  });

  test("a GET query has no ETag, and If-None-Match still gets the executed result", async () => {
    harness.control.resetCallCounts();
    const url = `${harness.url}?query=${encodeURIComponent(QUERY)}`;
    const headers = { "apollo-require-preflight": "true", accept: "application/json" };
    const first = await get(url, headers);
    assert.equal(first.status, 200);
    assert.equal(first.headers.etag, undefined);
    const conditional = await get(url, { ...headers, "if-none-match": 'W/"2a-previously-seen"' });
    assert.equal(conditional.status, 200);
    assert.match(conditional.text, /"asg-demo-web"/);
    assert.deepEqual(harness.control.callCounts(), { DescribeScalingGroups: 2 }, "both GETs ran against the upstream");
  });

  test("the IDE's static files keep ETag revalidation", async () => {
    const stylesheet = /href="(\/ide\/main-[A-Z2-7]{8}\.css)"/.exec((await get(`${origin}/ide/`, {})).text)?.[1];
    assert.ok(stylesheet, "the page names its stylesheet");
    const first = await get(`${origin}${stylesheet}`, {});
    assert.equal(first.status, 200);
    const etag = first.headers.etag;
    assert.ok(etag, "the stylesheet has an ETag");
    const revalidated = await get(`${origin}${stylesheet}`, { "if-none-match": etag });
    assert.equal(revalidated.status, 304);
  });
});
