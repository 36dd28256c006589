import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { AttachInstancesDocument } from "../../operations/__generated__/graphql";
import { startGatewayHarness, type GatewayHarness } from "../support/gateway-harness";
import { attach, execute } from "../support/typed-client.example";
import { REPO_ROOT } from "../support/repo-paths";

/**
 * Compile-time checks: tsc (which builds every test) fails if the generated types stop typing the
 * helper, since these lines then stop being errors. Never called.
 */
export function typeChecks(url: string): void {
  // @ts-expect-error: the variables are typed: `input` is required
  void execute(url, AttachInstancesDocument, {});
  // @ts-expect-error: and so is the input's shape (instanceIds is not a field of AttachInstancesInput)
  void execute(url, AttachInstancesDocument, { input: { regionId: "cn-hangzhou", scalingGroupId: "asg-x", instanceIds: ["i-x"] } });
  void execute(url, AttachInstancesDocument, {
    input: { regionId: "cn-hangzhou", scalingGroupId: "asg-x", instances: [{ instanceId: "i-x" }] },
  }).then(({ data }) => {
    const result = data?.attachInstances;
    // @ts-expect-error: maxSize exists only once __typename has narrowed the union to MaxSizeExceededError
    void result?.maxSize;
    if (result?.__typename === "MaxSizeExceededError") {
      const maxSize: number | null = result.maxSize;
      void maxSize;
    }
  });
}

describe("the typed client of docs/graphql-api.md", () => {
  let harness: GatewayHarness;
  before(async () => {
    harness = await startGatewayHarness();
  });
  after(() => harness.close());

  test("the doc shows the example file as it is compiled and run here", () => {
    const doc = readFileSync(path.join(REPO_ROOT, "docs", "graphql-api.md"), "utf8");
    const source = readFileSync(path.join(REPO_ROOT, "test", "support", "typed-client.example.ts"), "utf8");
    // From the first import statement (the header comment above it is not part of the example).
    const code = source
      .slice(source.search(/^import /m))
      .replace('"../../operations/__generated__/graphql"', '"./operations/__generated__/graphql"');
    assert.ok(
      doc.includes("```ts\n" + code + "```"),
      "docs/graphql-api.md's Typed clients block differs from test/support/typed-client.example.ts",
    );
  });

  test("a success and a typed failure, each read through its own member's fields", async () => {
    assert.match(
      await attach(harness.url, { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instances: [{ instanceId: "i-demo-0061" }] }),
      /^started asa-\w+ \(clientToken [\w-]+\)$/,
    );
    assert.equal(
      await attach(harness.url, {
        regionId: "cn-hangzhou",
        scalingGroupId: "asg-demo-full",
        instances: [{ instanceId: "i-demo-0092" }, { instanceId: "i-demo-0093" }],
      }),
      "2 more do not fit: 5 of 6 taken",
    );
  });
});
