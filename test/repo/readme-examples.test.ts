import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startGatewayHarness, type GatewayHarness } from "../support/gateway-harness";
import { REPO_ROOT } from "../support/repo-paths";

/** The repository root (this file runs from dist/test/repo/). */
const README = path.join(REPO_ROOT, "README.md");

interface ReadmeExample {
  /** Where it starts in the README, for failure messages. */
  line: number;
  request: { query: string; variables?: unknown };
  /** The response the README shows right after the request, if it shows one. */
  shownResponse?: unknown;
}

/**
 * The README's runnable examples, in order: the JSON body of each `curl … <<'JSON'` block and each
 * ```graphql block, each with the ```json block that follows it (before the next request) as
 * the response it shows.
 */
function readmeExamples(markdown: string): ReadmeExample[] {
  const examples: ReadmeExample[] = [];
  for (const fence of markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)) {
    const [, language, body] = fence as unknown as [string, string, string];
    const line = markdown.slice(0, fence.index).split("\n").length;
    const heredoc = /<<'JSON'\n([\s\S]*?)\nJSON$/m.exec(body);
    if (language === "sh" && heredoc) examples.push({ line, request: JSON.parse(heredoc[1]!) as ReadmeExample["request"] });
    else if (language === "graphql") examples.push({ line, request: { query: body } });
    else if (language === "json" && examples.length > 0 && examples.at(-1)!.shownResponse === undefined)
      examples.at(-1)!.shownResponse = JSON.parse(body);
  }
  return examples;
}

/** Values that differ on every run (generated IDs and tokens), as placeholders of their shape. */
function withoutGeneratedValues(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutGeneratedValues(item));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, withoutGeneratedValues(item, name)]));
  }
  if (typeof value !== "string") return value;
  if ((key === "clientToken" || key === "requestId") && /^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$/.test(value))
    return `<${key}>`;
  if (key === "id" && /^asa-[a-z0-9]{20}$/.test(value)) return "<scaling activity id>";
  return value;
}

describe("the README's examples, followed in order against a fresh gateway", () => {
  let harness: GatewayHarness;
  const examples = readmeExamples(readFileSync(README, "utf8"));
  before(async () => {
    // What `npm start` runs on a fresh ./data/emulator.db: the demo world. Activities stay in
    // progress (manual timing) so the response does not depend on how fast this machine is; with
    // npm start's realtime:3000 they are in progress for 3 s.
    harness = await startGatewayHarness({ activity: { mode: "manual" } });
  });
  after(() => harness.close());

  test("the README has its examples: two attach mutations, a preflight and a detach, each with the answer it shows", () => {
    assert.equal(examples.length, 4, JSON.stringify(examples.map((example) => example.line)));
    assert.ok(examples.every((example) => example.shownResponse !== undefined));
  });

  test("each gets the answer the README shows (generated IDs and tokens aside)", async () => {
    for (const example of examples) {
      const response = await harness.post(JSON.stringify(example.request));
      assert.equal(response.status, 200, `README line ${example.line}: ${response.text}`);
      const result = JSON.parse(response.text) as unknown;
      assert.deepEqual(withoutGeneratedValues(result), withoutGeneratedValues(example.shownResponse), `README line ${example.line}`);
    }
  });
});
