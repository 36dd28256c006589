import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError } from "../../../src/server/config/config.errors";
import { HTTP_SETTINGS_DEFAULTS, readHttpSettings } from "../../../src/server/http/http.config";

describe("readHttpSettings", () => {
  test("defaults: no CORS origins, IDE on at /ide, APQ on without TTL", () => {
    const settings = readHttpSettings({});
    assert.deepEqual(settings.cors.allowedOrigins, []);
    assert.equal(settings.ide.enabled, true);
    assert.equal(settings.ide.path, "/ide");
    assert.deepEqual(settings.persistedQueries, { enabled: true, ttlSeconds: null });
    assert.equal(settings.readiness.cacheMs, HTTP_SETTINGS_DEFAULTS.readinessCacheMs);
    assert.equal(settings.subscriptions.activityPollIntervalMs, HTTP_SETTINGS_DEFAULTS.activityPollIntervalMs);
  });

  test("the IDE defaults to off in production, and ESS_GATEWAY_IDE_ENABLED overrides", () => {
    assert.equal(readHttpSettings({ NODE_ENV: "production" }).ide.enabled, false);
    assert.equal(readHttpSettings({ NODE_ENV: "production", ESS_GATEWAY_IDE_ENABLED: "true" }).ide.enabled, true);
    assert.equal(readHttpSettings({ ESS_GATEWAY_IDE_ENABLED: "0" }).ide.enabled, false);
  });

  test("ESS_GATEWAY_CORS_ORIGINS takes a comma-separated list of exact origins", () => {
    const settings = readHttpSettings({ ESS_GATEWAY_CORS_ORIGINS: "https://console.example.com, http://localhost:5173/" });
    assert.deepEqual(settings.cors.allowedOrigins, ["https://console.example.com", "http://localhost:5173"]);
    assert.deepEqual(readHttpSettings({ ESS_GATEWAY_CORS_ORIGINS: "*" }).cors.allowedOrigins, ["*"]);
  });

  test("unusable values are refused with the variable's name", () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ ESS_GATEWAY_CORS_ORIGINS: "https://app.example.com/path" }, "ESS_GATEWAY_CORS_ORIGINS", /not an origin/],
      [{ ESS_GATEWAY_CORS_ORIGINS: "app.example.com" }, "ESS_GATEWAY_CORS_ORIGINS", /not an origin/],
      [{ ESS_GATEWAY_CORS_ORIGINS: "*,https://a.example.com" }, "ESS_GATEWAY_CORS_ORIGINS", /cannot be combined/],
      [{ ESS_GATEWAY_IDE_ENABLED: "yes" }, "ESS_GATEWAY_IDE_ENABLED", /expected true, false/],
      [{ ESS_GATEWAY_IDE_PATH: "ide" }, "ESS_GATEWAY_IDE_PATH", /absolute URL path/],
      [{ ESS_GATEWAY_IDE_PATH: "/" }, "ESS_GATEWAY_IDE_PATH", /absolute URL path/],
      [{ ESS_GATEWAY_ACTIVITY_POLL_MS: "5" }, "ESS_GATEWAY_ACTIVITY_POLL_MS", /from 50 to 60000/],
      [{ ESS_GATEWAY_APQ_TTL_SECONDS: "-1" }, "ESS_GATEWAY_APQ_TTL_SECONDS", /whole number/],
    ];
    for (const [env, variable, message] of cases) {
      assert.throws(
        () => readHttpSettings(env),
        (error: unknown) => error instanceof ConfigError && error.setting === variable && message.test(error.message),
        JSON.stringify(env),
      );
    }
  });
});
