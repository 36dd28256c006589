import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createClient } from "graphql-ws";
import { generateKeyPair, SignJWT, base64url } from "jose";
import { createHmac } from "node:crypto";
import { stringify as toYaml } from "yaml";
import WebSocket from "ws";
import { apiKeyHash } from "../../../src/server/auth/api-key.store";
import {
  AUDIENCE,
  bearer,
  startAuthGateway,
  startTestIssuer,
  writeAccessFiles,
  type AuthGateway,
  type TestIssuer,
} from "../../support/auth-support";

const QUERY = `{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-batch") { id name } }`;

const POLICY = {
  version: 1,
  bindings: [
    {
      name: "readers",
      match: { subjects: ["svc-reader"], apiKeys: ["ci", "old-ci"] },
      grants: [{ operations: ["read", "subscribe"], regions: ["cn-hangzhou"], scalingGroups: "*" }],
    },
  ],
};

describe("authentication: OIDC tokens and API keys, over HTTP and WebSocket", () => {
  let issuer: TestIssuer;
  let gateway: AuthGateway;
  before(async () => {
    issuer = await startTestIssuer({ "svc-reader": [] });
    // A 1 s JWKS refresh cooldown, so the unknown-kid test can show one refresh and then the cooldown.
    gateway = await startAuthGateway({
      policy: POLICY,
      issuer,
      apiKeyNames: ["ci", "old-ci"],
      revoked: ["old-ci"],
      env: { ESS_GATEWAY_AUTH_OIDC_JWKS_COOLDOWN_S: "1" },
    });
  });
  after(async () => {
    await gateway.close();
    await issuer.close();
  });

  /** Signs claims with the issuer's own private key (a token the issuer could have signed, but with bad claims). */
  const forge = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT({ sub: "svc-reader", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: issuer.privateJwk.kid, ...header })
      .setIssuer(String(claims.iss ?? issuer.issuer))
      .setAudience(String(claims.aud ?? AUDIENCE))
      .setIssuedAt()
      .setExpirationTime((claims.exp as number | undefined) ?? "5m")
      .sign(issuer.privateKey);

  const assertRefused = async (headers: Record<string, string>, label: string) => {
    const response = await gateway.graphql(QUERY, {}, headers);
    assert.equal(response.status, 401, `${label}: ${JSON.stringify(response.body)}`);
    assert.equal(response.headers.get("www-authenticate"), 'Bearer realm="ess-graphql-gateway"', label);
    assert.deepEqual(Object.keys(response.body), ["errors"], label);
    const [error] = response.body.errors;
    assert.equal(error.extensions.code, "UNAUTHENTICATED", label);
    assert.equal(typeof error.extensions.correlationId, "string", label);
    return error.message as string;
  };

  test("a client-credentials token of the real issuer, and a valid API key, are accepted", async () => {
    const token = await issuer.token("svc-reader");
    const viaToken = await gateway.graphql(QUERY, {}, bearer(token));
    assert.equal(viaToken.status, 200, JSON.stringify(viaToken.body));
    assert.equal(viaToken.body.data.scalingGroup.id, "asg-demo-batch");
    const viaKey = await gateway.graphql(QUERY, {}, bearer(gateway.apiKeys.ci!));
    assert.equal(viaKey.body.data.scalingGroup.id, "asg-demo-batch");
  });

  test("every token attack gets the same 401, WWW-Authenticate and message, with nothing that helps guessing", async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = await issuer.token("svc-reader");
    const [head, payload, signature] = valid.split(".");
    const tamperedPayload = base64url.encode(
      JSON.stringify({ ...JSON.parse(new TextDecoder().decode(base64url.decode(payload!))), sub: "admin" }),
    );
    const none = `${base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }))}.${payload}.`;
    // HS256 "signed" with the issuer's public key: the classic RS/HS confusion.
    const publicKeyText = JSON.stringify(issuer.publicJwk);
    const hsHead = base64url.encode(JSON.stringify({ alg: "HS256", typ: "JWT", kid: issuer.privateJwk.kid }));
    const hsSignature = base64url.encode(createHmac("sha256", publicKeyText).update(`${hsHead}.${payload}`).digest());
    const cases: Array<[string, Record<string, string>]> = [
      ["no credentials", {}],
      ["expired", bearer(await forge({ exp: now - 3600 }))],
      ["not yet valid", bearer(await forge({ nbf: now + 3600 }))],
      ["wrong issuer", bearer(await forge({ iss: "http://127.0.0.1:1/other" }))],
      ["wrong audience", bearer(await forge({ aud: "https://another-api.test" }))],
      ["alg none", bearer(none)],
      ["HS256 signed with the public key", bearer(`${hsHead}.${payload}.${hsSignature}`)],
      ["tampered payload", bearer(`${head}.${tamperedPayload}.${signature}`)],
      ["an empty sub", bearer(await forge({ sub: "" }))],
      ["a blank sub", bearer(await forge({ sub: "   " }))],
      ["a numeric sub", bearer(await forge({ sub: 12345 }))],
      ["revoked API key", bearer(gateway.apiKeys["old-ci"]!)],
      ["unknown API key", bearer("essgw_not-a-key-of-this-gateway")],
      ["token in the wrong header", { "x-access-token": valid }],
      ["token with the wrong scheme", { authorization: `Token ${valid}` }],
      ["API key in the wrong header", { "x-api-key": gateway.apiKeys.ci! }],
    ];
    const messages = new Set<string>();
    for (const [label, headers] of cases) messages.add(await assertRefused(headers, label));
    assert.equal(messages.size, 1, `one message for every refusal: ${[...messages].join(" | ")}`);
    // The refusals are logged with their reason; no response or log line holds a token.
    for (const line of gateway.logLines) assert.ok(!line.includes(signature!), "a token signature appeared in the log");
  });

  test("an unknown kid refreshes the JWKS once, then is refused (and a second one within the cooldown costs no fetch)", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const sign = (kid: string) =>
      new SignJWT({ sub: "svc-reader" })
        .setProtectedHeader({ alg: "RS256", kid })
        .setIssuer(issuer.issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey);
    // The key set is cached (the valid-token test fetched it); let the 1 s cooldown pass.
    await gateway.graphql(QUERY, {}, bearer(await issuer.token("svc-reader")));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const before = issuer.jwksFetches();
    await assertRefused(bearer(await sign("rotated-key")), "unknown kid");
    const afterFirst = issuer.jwksFetches();
    assert.equal(afterFirst - before, 1, "exactly one JWKS refresh for the unknown kid");
    await assertRefused(bearer(await sign("another-unknown-key")), "second unknown kid");
    assert.equal(issuer.jwksFetches(), afterFirst, "no further fetch within the refresh cooldown");
  });

  test("a key revoked in the keys file stops working on reload (SIGHUP), without a restart, on HTTP and on a socket opened before", async () => {
    const key = gateway.apiKeys.ci!;
    assert.equal((await gateway.graphql(QUERY, {}, bearer(key))).status, 200);
    let closedWith: number | null = null;
    const client = createClient({
      url: gateway.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${key}` },
      on: { closed: (event) => (closedWith = (event as { code: number }).code) },
    });
    const run = () =>
      new Promise<unknown>((resolve) => {
        client.subscribe({ query: QUERY }, { next: resolve, error: (error) => resolve({ error }), complete: () => resolve("complete") });
      });
    try {
      assert.deepEqual(
        await run(),
        { data: { scalingGroup: { id: "asg-demo-batch", name: "demo-batch" } } },
        "the socket works before the revocation",
      );
      writeFileSync(path.join(gateway.dir, "api-keys.yaml"), toYaml({ keys: [{ name: "ci", sha256: apiKeyHash(key), revoked: true }] }));
      gateway.gateway.reloadAccess();
      await assertRefused(bearer(key), "revoked after reload");
      const after = await run();
      assert.notDeepEqual(
        after,
        { data: { scalingGroup: { id: "asg-demo-batch", name: "demo-batch" } } },
        "the open socket no longer runs operations",
      );
      for (let waited = 0; closedWith === null && waited < 2_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(closedWith, 4401, "the socket opened before the revocation is closed with 4401");
    } finally {
      await client.dispose();
    }
  });

  test("the socket: connection_init without or with a bad credential closes with 4401; with a token, subscriptions run", async () => {
    const closeCodeWith = (connectionParams: Record<string, unknown>) =>
      new Promise<number>((resolve) => {
        const client = createClient({
          url: gateway.url.replace(/^http/, "ws"),
          webSocketImpl: WebSocket,
          retryAttempts: 0,
          connectionParams,
          on: { closed: (event) => resolve((event as { code: number }).code) },
        });
        client.subscribe({ query: "{ __typename }" }, { next: () => undefined, error: () => undefined, complete: () => undefined });
      });
    assert.equal(await closeCodeWith({}), 4401);
    assert.equal(await closeCodeWith({ Authorization: "Bearer essgw_bogus" }), 4401);

    const token = await issuer.token("svc-reader");
    const client = createClient({
      url: gateway.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${token}` },
    });
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        client.subscribe({ query: QUERY }, { next: resolve, error: reject, complete: () => undefined });
      });
      assert.deepEqual(result, { data: { scalingGroup: { id: "asg-demo-batch", name: "demo-batch" } } });
    } finally {
      await client.dispose();
    }
  });
});

describe("authentication with a local JWKS file", () => {
  test("tokens of the issuer verify against ESS_GATEWAY_AUTH_OIDC_JWKS_FILE without any fetch", async () => {
    const issuer = await startTestIssuer({ "svc-reader": [] });
    const { dir } = writeAccessFiles({ policy: POLICY });
    const jwksFile = path.join(dir, "jwks.json");
    writeFileSync(jwksFile, JSON.stringify({ keys: [issuer.publicJwk] }));
    const gateway = await startAuthGateway({ policy: POLICY, issuer, env: { ESS_GATEWAY_AUTH_OIDC_JWKS_FILE: jwksFile } });
    try {
      const token = await issuer.token("svc-reader");
      const fetchesBefore = issuer.jwksFetches();
      const response = await gateway.graphql(QUERY, {}, bearer(token));
      assert.equal(response.body.data.scalingGroup.id, "asg-demo-batch");
      assert.equal(issuer.jwksFetches(), fetchesBefore);
    } finally {
      await gateway.close();
      await issuer.close();
    }
  });
});
