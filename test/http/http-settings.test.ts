import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { ConfigError } from "../../src/server/config/config.errors";
import { HTTP_SETTINGS_DEFAULTS, readHttpSettings } from "../../src/server/http/http.config";

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

  test("the IDE defaults to off in production, and IDE_ENABLED overrides", () => {
    assert.equal(readHttpSettings({ NODE_ENV: "production" }).ide.enabled, false);
    assert.equal(readHttpSettings({ NODE_ENV: "production", IDE_ENABLED: "true" }).ide.enabled, true);
    assert.equal(readHttpSettings({ IDE_ENABLED: "0" }).ide.enabled, false);
  });

  test("CORS_ORIGINS takes a comma-separated list of exact origins", () => {
    const settings = readHttpSettings({ CORS_ORIGINS: "https://console.example.com, http://localhost:5173/" });
    assert.deepEqual(settings.cors.allowedOrigins, ["https://console.example.com", "http://localhost:5173"]);
    assert.deepEqual(readHttpSettings({ CORS_ORIGINS: "*" }).cors.allowedOrigins, ["*"]);
  });

  test("unusable values are refused with the variable's name", () => {
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ CORS_ORIGINS: "https://app.example.com/path" }, "CORS_ORIGINS", /not an origin/],
      [{ CORS_ORIGINS: "app.example.com" }, "CORS_ORIGINS", /not an origin/],
      [{ CORS_ORIGINS: "*,https://a.example.com" }, "CORS_ORIGINS", /cannot be combined/],
      [{ IDE_ENABLED: "yes" }, "IDE_ENABLED", /expected true, false/],
      [{ IDE_PATH: "ide" }, "IDE_PATH", /absolute URL path/],
      [{ IDE_PATH: "/" }, "IDE_PATH", /absolute URL path/],
      [{ ACTIVITY_POLL_INTERVAL_MS: "5" }, "ACTIVITY_POLL_INTERVAL_MS", /from 50 to 60000/],
      [{ APQ_TTL_SECONDS: "-1" }, "APQ_TTL_SECONDS", /whole number/],
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
