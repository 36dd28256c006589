import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { DEFAULT_OPERATION_LIMITS } from "../../../src/server/limits/operation-limits.config";
import { startIpcGateway, type IpcGateway } from "../../support/ipc-gateway";

/**
 * Documents of every large shape, each distinct and just under the byte limit, over HTTP and the
 * socket, leave the gateway's heap (after a full GC) within a fixed bound, and the process lives.
 * The gateway runs in a child process started with --expose-gc (test/support/ipc-gateway.child.ts).
 */

const LIMIT = DEFAULT_OPERATION_LIMITS.maxDocumentBytes;
/** What 10,000 distinct documents may leave on the heap: the document cache (32 MiB by its own measure), the APQ cache (8 MiB) and slack. */
const HEAP_GROWTH_BOUND = 64 * 1024 * 1024;

/** `text` padded with `filler` to exactly `LIMIT - 1` bytes (ASCII). */
const padded = (text: string, filler: (room: number) => string): string => text + filler(LIMIT - 1 - text.length);
const commentFill = (room: number) => ` #${"x".repeat(room - 2)}`;

const SHAPES: ReadonlyArray<{ name: string; count: number; status: number; document: (index: number) => string }> = [
  { name: "one long comment", count: 10_000, status: 200, document: (i) => padded(`{ __typename } # ${i}`, (room) => "x".repeat(room)) },
  // Every comment line is a token the parsed document keeps (comments do not count toward maxTokens).
  {
    name: "many comment lines",
    count: 500,
    status: 200,
    document: (i) => padded(`{ __typename } # ${i}\n`, (room) => "#\n".repeat(Math.floor(room / 2)) + " ".repeat(room % 2)),
  },
  {
    name: "a long string literal",
    count: 1_000,
    status: 200,
    document: (i) => `{ __type(name: "${i}${"x".repeat(LIMIT - 1 - `{ __type(name: "${i}") { name } }`.length)}") { name } }`,
  },
  {
    // Tokens just under maxTokens, in a list literal (4,900 selected fields would take graphql-js'
    // overlap validation ~80 ms each); the variable is unused, so validation refuses it (400) after parsing.
    name: "many tokens",
    count: 250,
    status: 400,
    document: (i) =>
      padded(`query T${i}($v: [Int] = [${"1 ".repeat(DEFAULT_OPERATION_LIMITS.maxTokens - 50)}]) { __typename }`, commentFill),
  },
  {
    // Unused variables fail validation (400), after parsing: the parse is what is measured. (Each
    // takes graphql-js ~18 ms to validate: hence a few hundred, not thousands.)
    name: "many variables",
    count: 250,
    status: 400,
    document: (i) =>
      padded(`query Q${i}(${Array.from({ length: 1_200 }, (_, k) => `$v${k}: String`).join(" ")}) { __typename }`, commentFill),
  },
  {
    name: "deep nesting",
    count: 1_000,
    status: 200,
    // Depth 11, one under maxDepth.
    document: (i) => padded(`{ __type(name: "T${i}") { ${"ofType { ".repeat(9)}name${" }".repeat(9)} } }`, commentFill),
  },
];

describe("bounded memory whatever the documents", () => {
  let gateway: IpcGateway;
  let url: string;
  before(async () => {
    gateway = await startIpcGateway({}, ["--expose-gc", "--max-old-space-size=512"]);
    url = gateway.url;
  });
  after(() => gateway.close());

  const post = async (
    body: unknown,
  ): Promise<{ status: number; json: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } }> => {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as never };
  };

  /** Sends `count` documents, 16 at a time, and counts the answers by HTTP status. */
  const sendAll = async (count: number, document: (index: number) => string): Promise<Map<number, number>> => {
    const statuses = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < count) {
          const index = next++;
          const response = await fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ query: document(index) }),
          });
          await response.arrayBuffer();
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
      }),
    );
    return statuses;
  };

  test("every shape is within the byte limit and accepted as it should be", () => {
    for (const shape of SHAPES) {
      for (const index of [0, shape.count - 1]) {
        const bytes = Buffer.byteLength(shape.document(index));
        assert.ok(bytes < LIMIT && bytes > LIMIT * 0.9, `${shape.name}: ${bytes} bytes`);
      }
    }
  });

  test(`10,000 large-comment documents and hundreds of each other large shape leave heap growth under ${HEAP_GROWTH_BOUND / 1024 / 1024} MiB, and the process lives`, async (t) => {
    await sendAll(500, (index) => SHAPES[0]!.document(1_000_000 + index)); // warm-up: JIT, pools, the caches' own structures
    const baseline = await gateway.stats();
    for (const shape of SHAPES) {
      const statuses = await sendAll(shape.count, (index) => shape.document(index));
      assert.deepEqual([...statuses], [[shape.status, shape.count]], shape.name);
    }
    const socketed = await overSocket(1_000, (index) => padded(`query S${index} { __typename } # ${index}`, (room) => "x".repeat(room)));
    assert.equal(socketed, 1_000);
    const final = await gateway.stats();
    assert.equal(gateway.exited(), null, "the gateway process is alive");
    const growth = final.heapUsedBytes - baseline.heapUsedBytes;
    t.diagnostic(
      `heap after GC: ${(baseline.heapUsedBytes / 1024 / 1024).toFixed(1)} MiB before, ${(final.heapUsedBytes / 1024 / 1024).toFixed(1)} MiB after`,
    );
    assert.ok(
      growth < HEAP_GROWTH_BOUND,
      `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MiB (baseline ${(baseline.heapUsedBytes / 1024 / 1024).toFixed(1)} MiB)`,
    );
  });

  test("a document one byte over the limit is refused with 413 DOCUMENT_TOO_LARGE, and never registered as a persisted query", async () => {
    const query = `{ __typename } #${"x".repeat(LIMIT - 15)}`;
    assert.equal(Buffer.byteLength(query), LIMIT + 1);
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const refused = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    assert.equal(refused.status, 413);
    assert.equal(refused.json.errors?.length, 1);
    assert.equal(refused.json.errors?.[0]?.extensions?.code, "DOCUMENT_TOO_LARGE");
    assert.equal(refused.json.errors?.[0]?.extensions?.maxDocumentBytes, LIMIT);
    assert.equal(typeof refused.json.errors?.[0]?.extensions?.correlationId, "string");
    const byHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash } } });
    assert.equal(byHash.json.errors?.[0]?.extensions?.code, "PERSISTED_QUERY_NOT_FOUND");
    const multiByte = await post({ query: `{ __typename } #${"é".repeat(LIMIT / 2)}` });
    assert.equal(multiByte.status, 413, "bytes are counted in UTF-8, not characters");
  });

  test("over the socket, a document over the limit gets an error message with DOCUMENT_TOO_LARGE", async () => {
    const client = socketClient();
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: `{ __typename } #${"x".repeat(LIMIT)}` },
          { next: () => {}, error: resolve, complete: () => resolve("complete") },
        );
      });
      assert.ok(Array.isArray(errors), "an error message");
      assert.equal((errors as Array<{ extensions?: Record<string, unknown> }>)[0]?.extensions?.code, "DOCUMENT_TOO_LARGE");
    } finally {
      await client.dispose();
    }
  });

  const socketClient = (): Client =>
    createClient({ url: url.replace(/^http/, "ws"), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });

  /** Runs `count` distinct query documents over 4 sockets, 8 at a time each; resolves with how many answered `__typename`. */
  async function overSocket(count: number, document: (index: number) => string): Promise<number> {
    const clients = Array.from({ length: 4 }, socketClient);
    let next = 0;
    let answered = 0;
    try {
      await Promise.all(
        clients.flatMap((client) =>
          Array.from({ length: 8 }, async () => {
            while (next < count) {
              const query = document(next++);
              const result = await new Promise<unknown>((resolve, reject) => {
                let value: unknown;
                client.subscribe({ query }, { next: (data) => (value = data), error: reject, complete: () => resolve(value) });
              });
              if ((result as { data?: { __typename?: string } }).data?.__typename === "Query") answered += 1;
            }
          }),
        ),
      );
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
    return answered;
  }
});
