import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import OpenApiClient, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { RpcHttpTransport } from "../../src/upstream/rpc-http.transport";
import { signRpcRequest } from "../../src/upstream/rpc-request.signer";
import { credentialSource, currentSigningKey } from "../../src/upstream/upstream.credentials";

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What varies per request (nonce, time, signature) is left out; everything else must be equal. */
function shape(seen: Seen) {
  const query = new URL(seen.url, "http://x").searchParams;
  const varying = new Set(["Timestamp", "SignatureNonce", "Signature"]);
  return {
    method: seen.method,
    path: new URL(seen.url, "http://x").pathname,
    query: [...query].filter(([name]) => !varying.has(name)).sort(),
    queryNames: [...query.keys()].sort(),
    headers: Object.entries(seen.headers)
      .filter(([name]) => !["x-acs-date", "x-acs-signature-nonce", "authorization"].includes(name))
      .sort(),
    signedHeaders: /SignedHeaders=([^,]*)/.exec(String(seen.headers.authorization ?? ""))?.[1] ?? null,
    body: seen.body,
  };
}

describe("signRpcRequest builds the request @alicloud/openapi-client 0.4.15 sends", () => {
  for (const signatureVersion of ["v3", "v1"] as const) {
    for (const sts of [false, true]) {
      test(`signature ${signatureVersion}, ${sts ? "STS" : "plain"} key`, async (t) => {
        const seen: Seen[] = [];
        const server = createServer((request, response) => {
          let body = "";
          request.on("data", (chunk) => (body += chunk));
          request.on("end", () => {
            seen.push({ method: String(request.method), url: String(request.url), headers: request.headers, body });
            response.setHeader("content-type", "application/json");
            response.end('{"RequestId":"r"}');
          });
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
        const endpoint = `127.0.0.1:${(server.address() as { port: number }).port}`;
        const key = { accessKeyId: "AKIDEXAMPLE", accessKeySecret: "secret-example", ...(sts ? { securityToken: "token-example" } : {}) };
        const query = { RegionId: "cn-hangzhou", "ScalingGroupId.1": "asg-1", ScalingGroupName: "a b*(c)!'~" };

        const sdk = new OpenApiClient(
          new Config({
            ...key,
            endpoint,
            protocol: "http",
            regionId: "cn-hangzhou",
            userAgent: "ess-graphql-gateway",
            ...(signatureVersion === "v1" ? { signatureAlgorithm: "v2" } : {}),
          }),
        );
        const params = new Params({
          action: "DescribeScalingGroups",
          version: "2014-08-28",
          protocol: "HTTP",
          pathname: "/",
          method: "POST",
          authType: "AK",
          style: "RPC",
          reqBodyType: "formData",
          bodyType: "json",
        });
        await sdk.callApi(params, new OpenApiRequest({ query: { ...query } }), new RuntimeOptions({ autoretry: false }));

        const transport = new RpcHttpTransport("http");
        t.after(() => transport.close());
        const signingKey = await currentSigningKey(credentialSource({ kind: "accessKey", ...key }));
        const request = signRpcRequest(
          { action: "DescribeScalingGroups", version: "2014-08-28", endpoint, signatureVersion },
          query,
          signingKey,
        );
        await transport.post(endpoint, request, { timeoutMs: 2_000, connectTimeoutMs: 2_000 }, Date.now() + 2_000);

        assert.equal(seen.length, 2);
        assert.deepEqual(shape(seen[1]), shape(seen[0]));
      });
    }
  }
});
