import assert from "node:assert/strict";
import { ConfigError } from "../../src/server/config/config.errors";
import { parseGatewayCommand } from "../../src/server/config/gateway-config.parser";
import type { GatewayConfig } from "../../src/server/config/gateway.config";

/** The configuration `env` and `argv` start the gateway with (fails the test for --help). */
export function configFrom(env: Record<string, string>, argv: string[] = []): GatewayConfig {
  const command = parseGatewayCommand(env, argv);
  assert.equal(command.kind, "start");
  if (command.kind !== "start") throw new Error("unreachable");
  return command.config;
}

/** The message of the ConfigError `env` and `argv` are refused with (fails the test when accepted). */
export function rejection(env: Record<string, string>, argv: string[] = []): string {
  try {
    parseGatewayCommand(env, argv);
  } catch (error) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail("expected a ConfigError");
}
