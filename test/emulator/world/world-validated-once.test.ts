import assert from "node:assert/strict";
import { test } from "node:test";
import { loadDemoWorld } from "../../../src/emulator/world/demo-world";
import { WorldValidationError } from "../../../src/emulator/world/world.errors";
import { validatedWorld } from "../../../src/emulator/world/world.validate";

test("a world the loader validated is handed on as it is, not validated a second time", () => {
  const world = loadDemoWorld();
  assert.equal(validatedWorld(world), world);
});

test("a world given as a plain object is still validated", () => {
  const world = structuredClone(loadDemoWorld());
  assert.notEqual(validatedWorld(world), world);
  (world as { version: number }).version = 2;
  assert.throws(
    () => validatedWorld(world),
    (error: unknown) => error instanceof WorldValidationError && error.message === "version: expected 1, got 2",
  );
});
