import type { TestContext } from "node:test";
import { startEmulator } from "../../src/emulator/emulator";
import type { RunningEmulator, StartEmulatorOptions } from "../../src/emulator/emulator-core.types";
import { createEssUpstream } from "../../src/upstream/ess-upstream.client";
import type { UpstreamConfig } from "../../src/upstream/upstream.config";
import type { UpstreamCallEvent } from "../../src/upstream/upstream.hooks";
import type { EssUpstream } from "../../src/upstream/upstream.types";
import { TEST_KEYS, TEST_REGION, upstreamTestWorld } from "./upstream-test.world";

/** An emulator on an ephemeral port with the upstream test world, closed when the test/suite ends. */
export async function startTestEmulator(
  cleanup: { after(fn: () => Promise<void>): void } | TestContext,
  options: StartEmulatorOptions = {},
): Promise<RunningEmulator> {
  const emulator = await startEmulator({
    world: upstreamTestWorld(),
    dbPath: ":memory:",
    activity: { mode: "manual" },
    faultSeed: 7,
    ...options,
  });
  cleanup.after(() => emulator.close());
  return emulator;
}

/** A client configuration pointing every product at the emulator. */
export function emulatorConfig(emulator: { host: string; port: number }, overrides: Partial<UpstreamConfig> = {}): UpstreamConfig {
  const endpoint = `${emulator.host}:${emulator.port}`;
  return {
    regionId: TEST_REGION,
    endpoints: { ess: endpoint, ecs: endpoint, slb: endpoint, rds: endpoint },
    protocol: "http",
    credentials: { kind: "accessKey", ...TEST_KEYS.plain },
    signatureVersion: "v3",
    timeoutMs: 5_000,
    connectTimeoutMs: 2_000,
    retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  };
}

/** A client with recorded hook events and an instant, recorded backoff; closed when the test ends. */
export function testClient(
  cleanup: { after(fn: () => Promise<void>): void } | TestContext,
  config: UpstreamConfig,
  onEvent?: (event: UpstreamCallEvent) => void,
): { upstream: EssUpstream; events: UpstreamCallEvent[]; sleeps: number[] } {
  const events: UpstreamCallEvent[] = [];
  const sleeps: number[] = [];
  const upstream = createEssUpstream(
    config,
    {
      onCall: (event) => {
        events.push(event);
        onEvent?.(event);
      },
    },
    { random: () => 0.5, sleep: async (ms) => void sleeps.push(ms) },
  );
  cleanup.after(() => upstream.close());
  return { upstream, events, sleeps };
}
