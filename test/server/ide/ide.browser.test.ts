import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { EXAMPLE_OPERATIONS } from "../../../ide/example-operations";
import { startGatewayHarness, type GatewayHarness } from "../../support/gateway-harness";
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  chromiumUnavailable,
  ensureIdeBundle,
  REPO_ROOT,
  TEST_OUTPUT_DIR,
} from "../../support/ide-test-support";

const SUITE = "the GraphiQL IDE in Chromium";
const skipReason = chromiumUnavailable();

// node:test does not count a skipped describe() in its "skipped" total, so a run without a browser
// would look complete: without chromium the suite is one skipped test instead.
if (skipReason !== undefined) test(SUITE, { skip: skipReason }, () => {});
else
  describe(SUITE, () => {
    let harness: GatewayHarness;
    let context: BrowserContext;
    let page: Page;
    let userDataDir: string;
    let gatewayOrigin: string;
    /** Every URL the browser requested (pages, workers, sockets). */
    const requested: string[] = [];

    before(async () => {
      ensureIdeBundle();
      harness = await startGatewayHarness({ activity: { mode: "immediate" } });
      gatewayOrigin = new URL(harness.url).origin;
      userDataDir = mkdtempSync(path.join(tmpdir(), "ide-chromium-"));
      context = await chromium.launchPersistentContext(userDataDir, {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
        viewport: { width: 1440, height: 900 },
      });
      context.on("request", (request) => requested.push(request.url()));
      page = context.pages()[0] ?? (await context.newPage());
      page.on("websocket", (socket) => requested.push(socket.url()));
      await page.goto(harness.url, { waitUntil: "load" });
      await page.waitForSelector(".graphiql-query-editor .monaco-editor", { timeout: 30_000 });
    });

    after(async () => {
      await context?.close();
      if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
      await harness?.close();
    });

    test("opens with the example operations as tabs", async () => {
      for (const name of ["ReadScalingGroup", "CheckAttachEligibility", "AttachInstances", "WatchScalingActivity"]) {
        await page.getByRole("tab", { name }).waitFor({ timeout: 10_000 });
      }
    });

    test("on first open the first tab shows its variables, and runs as is, without switching tabs first (graphql/graphiql#3392)", async () => {
      await assertEventually(async () => (await page.locator(".graphiql-query-editor").innerText()).includes("ReadScalingGroup"));
      await assertEventually(async () => {
        const variables = await variablesEditorText(page);
        return variables.includes('"regionId": "cn-hangzhou"') && variables.includes('"id": "asg-demo-web"');
      });
      await new Promise((resolve) => setTimeout(resolve, 300)); // past GraphiQL's parse debounce (see openTab)
      const { result: raw, shown } = await run(page);
      const result = raw as { data: { scalingGroup: { id: string; totalCapacity: number; instances: { totalCount: number } } } };
      assert.equal(result.data.scalingGroup.id, "asg-demo-web");
      assert.equal(result.data.scalingGroup.totalCapacity, 4);
      assert.equal(result.data.scalingGroup.instances.totalCount, 4);
      await assertShown(shown, ['"scalingGroup"', '"asg-demo-web"', '"totalCapacity": 4']);
    });

    test("runs the attach example and shows the started activity", async () => {
      await openTab(page, "AttachInstances");
      const { result: raw, shown } = await run(page);
      const result = raw as {
        data: { attachInstances: { __typename: string; scalingActivityId: string; scalingActivity: { status: string } } };
      };
      assert.equal(result.data.attachInstances.__typename, "AttachInstancesSuccess");
      assert.match(result.data.attachInstances.scalingActivityId, /^asa-/);
      // The harness runs activities immediately: the attach is already done.
      assert.equal(result.data.attachInstances.scalingActivity.status, "SUCCESSFUL");
      await assertShown(shown, ['"AttachInstancesSuccess"', `"${result.data.attachInstances.scalingActivityId}"`]);
      const members = await harness.upstream.describeScalingInstances({ regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch" });
      assert.deepEqual(members.items.map((member) => member.instanceId).sort(), ["i-demo-0030", "i-demo-0031"]);
    });

    test("runs the watch example as a subscription over the gateway's WebSocket", async () => {
      await openTab(page, "WatchScalingActivity");
      const socketOpened = page.waitForEvent("websocket");
      await page.locator(".graphiql-execute-button").click();
      const socket = await socketOpened;
      assert.equal(new URL(socket.url()).host, new URL(gatewayOrigin).host);
      await assertShown(() => responsePanelText(page), ['"scalingActivityUpdates"', '"asa-demo-busy-scaleout"', '"IN_PROGRESS"']);
      await page.locator(".graphiql-execute-button").click(); // the run button stops a running subscription
    });

    test("a reload keeps one tab per example (the first-visit workaround adds none) and the active tab's variables", async () => {
      await openTab(page, "CheckAttachEligibility");
      // GraphiQL saves its tabs and editors with a debounce: reload once what it saved is consistent.
      await assertEventually(() => page.evaluate(storedEditorsMatchActiveTab, "CheckAttachEligibility"));
      await page.reload({ waitUntil: "load" });
      await page.waitForSelector(".graphiql-query-editor .monaco-editor", { timeout: 30_000 });
      await assertEventually(async () => (await page.locator(".graphiql-query-editor").innerText()).includes("CheckAttachEligibility"));
      await assertEventually(async () => (await variablesEditorText(page)).includes('"scalingGroupId": "asg-demo-batch"'));
      assert.equal(await page.locator(".graphiql-tab").count(), EXAMPLE_OPERATIONS.length);
    });

    test("finds ScalingGroup in the docs explorer", async () => {
      await page.getByLabel("Show Documentation Explorer").click();
      const search = page.locator('[data-cy="doc-explorer-input"]');
      await search.fill("ScalingGroup");
      const options = page.locator('[data-cy="doc-explorer-option"]');
      // The result list is debounced: wait until it shows the search's results, not the previous list.
      await assertEventually(async () => {
        const texts = await options.allInnerTexts();
        return texts.length > 0 && texts.every((text) => /scalinggroup/i.test(text));
      });
      await options.filter({ hasText: /^ScalingGroup$/ }).click();
      await assertEventually(async () => (await page.locator(".graphiql-doc-explorer-title").innerText()).trim() === "ScalingGroup");
      assert.match(await page.locator(".graphiql-doc-explorer-content").innerText(), /An Auto Scaling \(ESS\) scaling group/);
    });

    test("made no request to any host but the gateway, and saves a screenshot", async () => {
      mkdirSync(TEST_OUTPUT_DIR, { recursive: true });
      const screenshot = path.join(TEST_OUTPUT_DIR, "ide.png");
      await page.screenshot({ path: screenshot });
      if (process.env.UPDATE_IDE_SCREENSHOT) copyFileSync(screenshot, path.join(REPO_ROOT, "docs", "ide-screenshot.png"));

      assert.ok(requested.length > 0);
      const foreign = requested.filter((url) => {
        const { protocol } = new URL(url);
        if (protocol === "data:" || protocol === "blob:") return false;
        const origin = new URL(url.replace(/^ws/, "http")).origin;
        return origin !== gatewayOrigin;
      });
      assert.deepEqual(foreign, [], "the IDE requested something from outside the gateway");
      assert.ok(requested.some((url) => /\/ide\/main-[A-Z2-7]{8}\.js$/.test(url)));
      assert.ok(
        requested.some((url) => /\.worker-[A-Z2-7]{8}\.js$/.test(url)),
        "Monaco's workers were loaded from the gateway",
      );
    });
  });

/**
 * Switches to the example tab whose operation is `name`. GraphiQL re-parses the editor 100 ms after
 * its content changes (a debounce) and decides HTTP or WebSocket from that parse, so a run started
 * sooner could still use the previous tab's document: wait until the editor shows the operation,
 * then past the debounce.
 */
async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole("tab", { name }).click();
  await assertEventually(async () => (await page.locator(".graphiql-query-editor").innerText()).includes(name));
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/**
 * Clicks the run button of the active tab; returns the GraphQL response as the gateway sent it and
 * the text the response panel shows (Monaco renders only the visible lines, so the page is checked
 * for key values and the full structure is taken from the wire).
 */
async function run(page: Page): Promise<{ result: unknown; shown: () => Promise<string> }> {
  const responseArrived = page.waitForResponse(
    (response) =>
      response.url().endsWith("/graphql") &&
      response.request().method() === "POST" &&
      !response.request().postData()?.includes("IntrospectionQuery"),
  );
  await page.locator(".graphiql-execute-button").click();
  const result = (await (await responseArrived).json()) as unknown;
  return { result, shown: () => responsePanelText(page) };
}

/**
 * Runs in the page: whether GraphiQL's saved state (its localStorage keys) has `title` as the
 * active tab, with its operation and variables in the saved editors, i.e. its debounced saves of
 * the tab switch have all happened.
 */
function storedEditorsMatchActiveTab(title: string): boolean {
  const storage = (globalThis as unknown as { localStorage: { getItem(key: string): string | null } }).localStorage;
  const state = JSON.parse(storage.getItem("graphiql:tabState") ?? "null") as {
    activeTabIndex: number;
    tabs: Array<{ title: string; query: string; variables: string }>;
  } | null;
  const active = state?.tabs[state.activeTabIndex];
  return (
    active?.title === title &&
    storage.getItem("graphiql:query") === active.query &&
    storage.getItem("graphiql:variables") === active.variables
  );
}

/** What the Variables editor (below the operation) shows. */
async function variablesEditorText(page: Page): Promise<string> {
  return (await page.locator("section.graphiql-editor-tool .graphiql-editor:not(.hidden)").first().innerText()).replace(/\u00a0/g, " ");
}

/** What the response panel shows (Monaco renders spaces as no-break spaces). */
async function responsePanelText(page: Page): Promise<string> {
  return (await page.locator(".graphiql-response").innerText()).replace(/\u00a0/g, " ");
}

/** Waits until the response panel shows every one of `fragments`. */
async function assertShown(shown: () => Promise<string>, fragments: string[]): Promise<void> {
  await assertEventually(async () => {
    const text = await shown();
    return fragments.every((fragment) => text.includes(fragment));
  });
}

async function assertEventually(condition: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) assert.fail("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
