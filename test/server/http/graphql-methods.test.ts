import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/** docs/http.md: a method other than GET/POST is 405 with `Allow: GET, POST`, whatever the Content-Type. */
describe("methods other than GET and POST", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  for (const method of ["PUT", "PATCH", "DELETE"]) {
    for (const contentType of [undefined, "application/json"]) {
      test(`${method} ${contentType ?? "without a Content-Type"}: 405, Allow: GET, POST, the gateway's error shape`, async () => {
        const response = await fetch(harness.url, {
          method,
          headers: contentType === undefined ? {} : { "content-type": contentType },
          body: contentType === undefined ? undefined : JSON.stringify({ query: "{ __typename }" }),
        });
        assert.equal(response.status, 405);
        assert.equal(response.headers.get("allow"), "GET, POST");
        const body = (await response.json()) as { errors: Array<{ extensions: { code: string; correlationId: string } }> };
        assert.equal(body.errors[0]!.extensions.code, "METHOD_NOT_ALLOWED");
        assert.equal(body.errors[0]!.extensions.correlationId, response.headers.get("x-correlation-id"));
      });
    }
  }
});
