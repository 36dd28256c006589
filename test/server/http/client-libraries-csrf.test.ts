import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { Client, fetchExchange } from "@urql/core";
import { ScalingGroupDocument } from "../../../operations/__generated__/graphql";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";

/**
 * docs/http.md "CSRF prevention": the setting it names for each client, proven with the real
 * client library against the real gateway over HTTP. Each client's fetch is wrapped only to record
 * the HTTP method it chose, so a test shows that GET really was used where the point is GET.
 */
const VARIABLES = { regionId: "cn-hangzhou", id: "asg-demo-web" };
const CSRF_REFUSAL = /blocked as a potential Cross-Site Request Forgery/;

function recordingFetch(methods: string[]): typeof fetch {
  return (input, init) => {
    methods.push(init?.method ?? "GET");
    return fetch(input, init);
  };
}

describe("client libraries and CSRF prevention (docs/http.md)", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  describe("urql (@urql/core 6)", () => {
    const urql = (options: Partial<ConstructorParameters<typeof Client>[0]>, methods: string[]) =>
      new Client({
        url: harness.url,
        exchanges: [fetchExchange],
        fetch: recordingFetch(methods),
        requestPolicy: "network-only",
        ...options,
      });

    test("by default it sends queries as GET, and the gateway refuses them as a potential CSRF", async () => {
      const methods: string[] = [];
      const result = await urql({}, methods).query(ScalingGroupDocument, VARIABLES).toPromise();
      assert.deepEqual(methods, ["GET"]);
      assert.equal(result.data, undefined);
      assert.match(String(result.error?.message), CSRF_REFUSAL);
    });

    test("preferGetMethod: false sends POST with a JSON body, which passes", async () => {
      const methods: string[] = [];
      const result = await urql({ preferGetMethod: false }, methods).query(ScalingGroupDocument, VARIABLES).toPromise();
      assert.deepEqual(methods, ["POST"]);
      assert.equal(result.error, undefined);
      assert.equal(result.data?.scalingGroup?.id, "asg-demo-web");
    });

    test("or keep GET and send the apollo-require-preflight header (fetchOptions)", async () => {
      const methods: string[] = [];
      const client = urql({ fetchOptions: { headers: { "apollo-require-preflight": "true" } } }, methods);
      const result = await client.query(ScalingGroupDocument, VARIABLES).toPromise();
      assert.deepEqual(methods, ["GET"]);
      assert.equal(result.error, undefined);
      assert.equal(result.data?.scalingGroup?.id, "asg-demo-web");
    });
  });

  describe("Apollo Client 4", () => {
    const apollo = (link: ConstructorParameters<typeof HttpLink>[0], methods: string[]) =>
      new ApolloClient({ link: new HttpLink({ uri: harness.url, fetch: recordingFetch(methods), ...link }), cache: new InMemoryCache() });

    test("the default (POST, JSON) passes with nothing to set", async () => {
      const methods: string[] = [];
      const result = await apollo({}, methods).query({ query: ScalingGroupDocument, variables: VARIABLES, fetchPolicy: "network-only" });
      assert.deepEqual(methods, ["POST"]);
      assert.equal(result.data?.scalingGroup?.id, "asg-demo-web");
    });

    test("useGETForQueries passes too: its GETs carry Content-Type: application/json, so they are not simple requests", async () => {
      const methods: string[] = [];
      const client = apollo({ useGETForQueries: true }, methods);
      const result = await client.query({ query: ScalingGroupDocument, variables: VARIABLES, fetchPolicy: "network-only" });
      assert.deepEqual(methods, ["GET"]);
      assert.equal(result.data?.scalingGroup?.id, "asg-demo-web");
    });

    test("a GET link that drops that Content-Type (as a custom fetch might) is refused; the header fixes it", async () => {
      const methods: string[] = [];
      const withoutContentType: typeof fetch = (input, init) => {
        const headers = new Headers(init?.headers);
        headers.delete("content-type");
        return recordingFetch(methods)(input, { ...init, headers });
      };
      const query = { query: ScalingGroupDocument, variables: VARIABLES, fetchPolicy: "network-only" } as const;
      await assert.rejects(apollo({ useGETForQueries: true, fetch: withoutContentType }, methods).query(query), (error: Error) =>
        CSRF_REFUSAL.test(error.message),
      );
      const client = apollo(
        { useGETForQueries: true, fetch: withoutContentType, headers: { "apollo-require-preflight": "true" } },
        methods,
      );
      assert.equal((await client.query(query)).data?.scalingGroup?.id, "asg-demo-web");
      assert.deepEqual(methods, ["GET", "GET"]);
    });
  });

  describe("plain fetch", () => {
    const query = "query ($regionId: String!, $id: ID!) { scalingGroup(regionId: $regionId, id: $id) { id } }";

    test("POST with Content-Type: application/json passes", async () => {
      const response = await fetch(harness.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables: VARIABLES }),
      });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { data: { scalingGroup: { id: "asg-demo-web" } } });
    });

    const getUrl = () => `${harness.url}?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(VARIABLES))}`;

    test("GET without a preflight header is refused (400)", async () => {
      const response = await fetch(getUrl());
      assert.equal(response.status, 400);
      assert.match(await response.text(), CSRF_REFUSAL);
    });

    test("GET with apollo-require-preflight passes", async () => {
      const response = await fetch(getUrl(), { headers: { "apollo-require-preflight": "true" } });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { data: { scalingGroup: { id: "asg-demo-web" } } });
    });
  });
});
