import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { stringify as toYaml } from "yaml";
import { ConfigError } from "../../../src/server/config/config.errors";
import { callerKeyOf } from "../../../src/server/auth/principal";
import { ANONYMOUS_PRINCIPAL } from "../../../src/graphql/access/principal";
import { bearer, startAuthGateway, writeAccessFiles } from "../../support/auth-support";
import { DEMO_API_KEY } from "../../../src/server/auth/demo-api-key";
import { startEmulator } from "../../../src/emulator/emulator";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import { runGatewayToExit, startGatewayProcess } from "../../support/gateway-process";
import { REPO_ROOT } from "../../support/repo-paths";

const READ_ALL = {
  version: 1,
  bindings: [
    { name: "ops", match: { apiKeys: ["ops"] }, grants: [{ operations: ["read"], regions: ["cn-hangzhou"], scalingGroups: "*" }] },
  ],
};
const QUERY = `{ scalingGroup(regionId: "cn-hangzhou", id: "asg-demo-batch") { id } }`;
const EMULATOR = { ESS_GATEWAY_EMULATOR_DB: ":memory:" };

describe("secure defaults and the policy file at start-up", () => {
  test("without authentication, a non-loopback bind is refused with exit 2, naming the setting", async () => {
    const run = await runGatewayToExit({ ...EMULATOR, HOST: "0.0.0.0" });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /ESS_GATEWAY_POLICY_FILE: HOST "0\.0\.0\.0" is not a loopback address/);
    assert.equal(run.stdout, "");
  });

  test("without authentication, NODE_ENV=production is refused even on loopback", async () => {
    const run = await runGatewayToExit({ ...EMULATOR, NODE_ENV: "production" });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /ESS_GATEWAY_POLICY_FILE: NODE_ENV=production requires authentication/);
  });

  test("without authentication on loopback, it starts and prints one plain warning", async () => {
    const gateway = await startGatewayProcess(EMULATOR);
    await gateway.stop();
    const warnings = gateway
      .stderr()
      .split("\n")
      .filter((line) => line.startsWith("Warning:"));
    assert.deepEqual(warnings, [
      "Warning: no authentication is configured: anyone who can reach this loopback port acts with the gateway's cloud credentials (docs/security.md).",
    ]);
  });

  test("with authentication, a non-loopback bind starts (and refuses anonymous callers)", async () => {
    const files = writeAccessFiles({ policy: READ_ALL, apiKeyNames: ["ops"] });
    const gateway = await startGatewayProcess({ ...EMULATOR, ...files.env, HOST: "0.0.0.0" });
    try {
      const url = gateway.url.replace("0.0.0.0", "127.0.0.1");
      assert.equal(
        (await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) }))
          .status,
        401,
      );
      const ok = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(files.apiKeys.ops!) },
        body: JSON.stringify({ query: QUERY }),
      });
      assert.equal(ok.status, 200);
      assert.equal(gateway.stderr().includes("Warning:"), false);
    } finally {
      await gateway.stop();
    }
  });

  test("a bad policy file stops start-up with exit 2 and the JSON path of the bad field", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [
        {
          ...READ_ALL,
          bindings: [
            { ...READ_ALL.bindings[0], grants: [{ operations: ["read", "atach"], regions: ["cn-hangzhou"], scalingGroups: "*" }] },
          ],
        },
        /\$\.bindings\[0\]\.grants\[0\]\.operations\[1\] must be one of read, attach, detach, lifecycle, subscribe, audit/,
      ],
      [{ ...READ_ALL, bindings: [{ ...READ_ALL.bindings[0], profile: "team-x" }] }, /\$\.bindings\[0\]\.profile "team-x" is not a profile/],
      [{ version: 2, bindings: [] }, /\$\.version must be 1/],
      [
        {
          ...READ_ALL,
          bindings: [{ ...READ_ALL.bindings[0], grants: [{ operations: ["read"], regions: ["cn-hangzhou"], scalingGroups: { ids: [] } }] }],
        },
        /\$\.bindings\[0\]\.grants\[0\]\.scalingGroups selects no group/,
      ],
      [{ ...READ_ALL, bindings: [{ ...READ_ALL.bindings[0], extra: true }] }, /\$\.bindings\[0\]\.extra is not a known field/],
      [
        {
          ...READ_ALL,
          bindings: [
            { ...READ_ALL.bindings[0], grants: [{ operations: ["read"], regions: ["cn-hangzhou"], scalingGroups: { tags: { team: 7 } } }] },
          ],
        },
        /\$\.bindings\[0\]\.grants\[0\]\.scalingGroups\.tags\.team must be a non-empty string/,
      ],
      [
        {
          ...READ_ALL,
          bindings: [
            {
              ...READ_ALL.bindings[0],
              grants: [{ operations: ["read"], regions: ["cn-hangzhou"], scalingGroups: { tags: { "cost center": "" } } }],
            },
          ],
        },
        /\$\.bindings\[0\]\.grants\[0\]\.scalingGroups\.tags\["cost center"\] must be a non-empty string/,
      ],
      [
        {
          ...READ_ALL,
          bindings: [
            { ...READ_ALL.bindings[0], grants: [{ operations: ["read"], regions: ["cn-hangzhou"], scalingGroups: { tags: {} } }] },
          ],
        },
        /\$\.bindings\[0\]\.grants\[0\]\.scalingGroups\.tags lists no tag/,
      ],
    ];
    for (const [policy, message] of cases) {
      const files = writeAccessFiles({ policy, apiKeyNames: ["ops"] });
      const run = await runGatewayToExit({ ...EMULATOR, ...files.env });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /^Invalid configuration: ESS_GATEWAY_POLICY_FILE: /);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, "");
    }
    const notYaml = writeAccessFiles({ policy: READ_ALL, apiKeyNames: ["ops"] });
    writeFileSync(notYaml.env.ESS_GATEWAY_POLICY_FILE!, "bindings: [\n  - {");
    const run = await runGatewayToExit({ ...EMULATOR, ...notYaml.env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /is neither valid JSON nor YAML/);
  });

  test("authentication without a policy, or a policy without authentication, is a configuration error", async () => {
    const files = writeAccessFiles({ policy: READ_ALL, apiKeyNames: ["ops"] });
    const noPolicy = await runGatewayToExit({ ...EMULATOR, ESS_GATEWAY_AUTH_API_KEYS_FILE: files.env.ESS_GATEWAY_AUTH_API_KEYS_FILE! });
    assert.equal(noPolicy.code, 2);
    assert.match(noPolicy.stderr, /ESS_GATEWAY_POLICY_FILE: is required once authentication is configured/);
    const hs = await runGatewayToExit({
      ...EMULATOR,
      ...files.env,
      ESS_GATEWAY_AUTH_OIDC_ISSUER: "https://issuer.test",
      ESS_GATEWAY_AUTH_OIDC_AUDIENCE: "x",
      ESS_GATEWAY_AUTH_OIDC_ALGORITHMS: "RS256,HS256",
    });
    assert.equal(hs.code, 2);
    assert.match(hs.stderr, /ESS_GATEWAY_AUTH_OIDC_ALGORITHMS: "HS256" is not accepted/);
  });
});

describe("policy reload and the trusted-header mode", () => {
  test("SIGHUP reload applies a valid policy to the next request; a bad one is refused and the running one stays", async () => {
    const gateway = await startAuthGateway({ policy: READ_ALL, apiKeyNames: ["ops"] });
    try {
      const policyFile = path.join(gateway.dir, "policy.yaml");
      const visible = async () => (await gateway.graphql(QUERY, {}, bearer(gateway.apiKeys.ops!))).body.data.scalingGroup;
      assert.deepEqual(await visible(), { id: "asg-demo-batch" });
      writeFileSync(
        policyFile,
        toYaml({
          version: 1,
          bindings: [
            {
              name: "ops",
              match: { apiKeys: ["ops"] },
              grants: [{ operations: ["read"], regions: ["cn-hangzhou"], scalingGroups: { ids: ["asg-demo-full"] } }],
            },
          ],
        }),
      );
      gateway.gateway.reloadAccess();
      assert.equal(await visible(), null);
      writeFileSync(policyFile, "version: 1\nbindings: 7\n");
      assert.throws(
        () => gateway.gateway.reloadAccess(),
        (error: unknown) => error instanceof ConfigError && /\$\.bindings must be a list/.test(error.message),
      );
      assert.equal(await visible(), null, "the previous (valid) policy still applies");
    } finally {
      await gateway.close();
    }
  });

  test("the CLI reloads on SIGHUP: a valid policy applies to the next request, a bad one is logged and the running one stays", async () => {
    const files = writeAccessFiles({ policy: READ_ALL, apiKeyNames: ["ops"] });
    const gateway = await startGatewayProcess({ ...EMULATOR, ...files.env, ESS_GATEWAY_LOG_LEVEL: "info" });
    try {
      const visible = async () => {
        const response = await fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json", ...bearer(files.apiKeys.ops!) },
          body: JSON.stringify({ query: QUERY }),
        });
        return ((await response.json()) as { data: { scalingGroup: unknown } }).data.scalingGroup;
      };
      const reloaded = async (message: RegExp) => {
        const seen = gateway
          .stdout()
          .split("\n")
          .filter((line) => message.test(line)).length;
        gateway.child.kill("SIGHUP");
        while (
          gateway
            .stdout()
            .split("\n")
            .filter((line) => message.test(line)).length === seen
        )
          await new Promise((resolve) => setTimeout(resolve, 20));
      };
      assert.deepEqual(await visible(), { id: "asg-demo-batch" });
      writeFileSync(
        files.env.ESS_GATEWAY_POLICY_FILE!,
        toYaml({
          ...READ_ALL,
          bindings: [{ ...READ_ALL.bindings[0], grants: [{ operations: ["read"], regions: ["cn-shanghai"], scalingGroups: "*" }] }],
        }),
      );
      await reloaded(/"access policy reloaded"/);
      assert.equal(await visible(), null);
      writeFileSync(files.env.ESS_GATEWAY_POLICY_FILE!, toYaml({ version: 1, bindings: [{ name: "x" }] }));
      await reloaded(/access policy reload refused/);
      assert.match(gateway.stdout(), /\$\.bindings\[0\]\.match must be an object/);
      assert.equal(await visible(), null, "still the last valid policy");
    } finally {
      await gateway.stop();
    }
  });

  test("the trusted header is honoured only from a configured proxy address, and is off by default", async () => {
    const policy = {
      version: 1,
      bindings: [
        {
          name: "proxied",
          match: { subjects: ["carol"] },
          grants: [{ operations: ["read"], regions: ["cn-hangzhou"], scalingGroups: "*" }],
        },
      ],
    };
    const fromProxy = await startAuthGateway({
      policy,
      env: { ESS_GATEWAY_AUTH_TRUSTED_HEADER: "x-forwarded-user", ESS_GATEWAY_AUTH_TRUSTED_PROXIES: "127.0.0.1" },
    });
    const notProxy = await startAuthGateway({
      policy,
      env: { ESS_GATEWAY_AUTH_TRUSTED_HEADER: "x-forwarded-user", ESS_GATEWAY_AUTH_TRUSTED_PROXIES: "10.0.0.9" },
    });
    const off = await startAuthGateway({ policy, apiKeyNames: ["ops"] });
    try {
      const trusted = await fromProxy.graphql(QUERY, {}, { "x-forwarded-user": "carol" });
      assert.deepEqual(trusted.body.data.scalingGroup, { id: "asg-demo-batch" });
      assert.equal((await notProxy.graphql(QUERY, {}, { "x-forwarded-user": "carol" })).status, 401);
      assert.equal((await off.graphql(QUERY, {}, { "x-forwarded-user": "carol" })).status, 401);
    } finally {
      await Promise.all([fromProxy.close(), notProxy.close(), off.close()]);
    }
  });

  test("callerKeyOf: per-caller limits key on the principal once authenticated, on the address before", () => {
    assert.equal(
      callerKeyOf({ kind: "apiKey", id: "ci", groups: [] }, "10.0.0.1"),
      callerKeyOf({ kind: "apiKey", id: "ci", groups: [] }, "10.0.0.2"),
    );
    assert.notEqual(
      callerKeyOf({ kind: "apiKey", id: "ci", groups: [] }, "10.0.0.1"),
      callerKeyOf({ kind: "oidc", id: "ci", groups: [] }, "10.0.0.1"),
    );
    assert.notEqual(callerKeyOf(ANONYMOUS_PRINCIPAL, "10.0.0.1"), callerKeyOf(ANONYMOUS_PRINCIPAL, "10.0.0.2"));
  });
});

describe("the shipped demo configuration (examples/access/)", () => {
  const EXAMPLES = path.join(REPO_ROOT, "examples", "access");
  const demoEnv = (auditDir: string) => ({
    ESS_GATEWAY_POLICY_FILE: path.join(EXAMPLES, "policy.yaml"),
    ESS_GATEWAY_AUTH_API_KEYS_FILE: path.join(EXAMPLES, "api-keys.yaml"),
    ESS_GATEWAY_AUDIT_LOG: path.join(auditDir, "audit.jsonl"),
  });

  test("on the emulator the banner prints the demo key, and the key works; against Alibaba Cloud it is refused", async () => {
    const { dir } = writeAccessFiles({ policy: READ_ALL });
    const demo = await startGatewayProcess({ ...EMULATOR, ...demoEnv(dir) });
    try {
      assert.match(demo.stdout(), new RegExp(`Demo API key\\s+${DEMO_API_KEY}`));
      assert.match(demo.stdout(), new RegExp(`-H 'authorization: Bearer ${DEMO_API_KEY}'`));
      const response = await fetch(demo.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(DEMO_API_KEY) },
        body: JSON.stringify({ query: QUERY }),
      });
      assert.deepEqual(((await response.json()) as { data: unknown }).data, { scalingGroup: { id: "asg-demo-batch" } });
    } finally {
      await demo.stop();
    }

    const emulator = await startEmulator({ activity: { mode: "immediate" } });
    const key = loadDemoWorld().accounts[0]!.accessKeys[0]!;
    const endpoint = `127.0.0.1:${emulator.port}`;
    const cloud = await startGatewayProcess({
      ...demoEnv(dir),
      ESS_GATEWAY_UPSTREAM: "aliyun",
      ESS_GATEWAY_PROTOCOL: "http",
      ESS_GATEWAY_ESS_ENDPOINT: endpoint,
      ESS_GATEWAY_ECS_ENDPOINT: endpoint,
      ESS_GATEWAY_SLB_ENDPOINT: endpoint,
      ESS_GATEWAY_RDS_ENDPOINT: endpoint,
      ESS_GATEWAY_ACCESS_KEY_ID: key.accessKeyId,
      ESS_GATEWAY_ACCESS_KEY_SECRET: key.accessKeySecret,
    });
    try {
      assert.doesNotMatch(cloud.stdout(), /Demo API key/);
      const response = await fetch(cloud.url, {
        method: "POST",
        headers: { "content-type": "application/json", ...bearer(DEMO_API_KEY) },
        body: JSON.stringify({ query: QUERY }),
      });
      assert.equal(response.status, 401);
    } finally {
      await cloud.stop();
      await emulator.close();
    }
  });
});
