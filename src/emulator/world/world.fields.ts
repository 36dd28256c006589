import { WorldValidationError } from "./world.errors";

/**
 * Small typed readers for untrusted JSON. Each one either returns the value with its static type
 * or throws a WorldValidationError naming the JSON path, so the validator reads like a schema.
 */

export type JsonObject = Record<string, unknown>;

export function fail(path: string, problem: string): never {
  throw new WorldValidationError(path, problem);
}

/** How a bad value is shown in a message: JSON for scalars, a kind word for containers. */
export function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return JSON.stringify(value);
}

export function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** An object with only the listed keys (unknown keys are typos more often than not). */
export function readObject(value: unknown, path: string, allowedKeys: readonly string[]): JsonObject {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    fail(path || "(root)", `expected an object, got ${shown(value)}`);
  }
  const record = value as JsonObject;
  for (const key of Object.keys(record)) {
    if (!allowedKeys.includes(key)) {
      fail(join(path, key), `unknown field (allowed: ${allowedKeys.join(", ")})`);
    }
  }
  return record;
}

export function readArray(record: JsonObject, key: string, path: string, required: boolean): unknown[] {
  const value = record[key];
  const at = join(path, key);
  if (value === undefined) {
    if (required) fail(at, "is required");
    return [];
  }
  if (!Array.isArray(value)) fail(at, `expected an array, got ${shown(value)}`);
  return value;
}

export function readString(
  record: JsonObject,
  key: string,
  path: string,
  options: { prefix?: string; pattern?: RegExp; patternName?: string } = {},
): string {
  const value = record[key];
  const at = join(path, key);
  if (value === undefined) fail(at, "is required");
  return checkString(value, at, options);
}

export function readOptionalString(
  record: JsonObject,
  key: string,
  path: string,
  options: { prefix?: string; pattern?: RegExp; patternName?: string } = {},
): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  return checkString(value, join(path, key), options);
}

export function checkString(
  value: unknown,
  at: string,
  options: { prefix?: string; pattern?: RegExp; patternName?: string } = {},
): string {
  if (typeof value !== "string") fail(at, `expected a string, got ${shown(value)}`);
  if (value.length === 0) fail(at, "must not be empty");
  if (options.prefix !== undefined && (!value.startsWith(options.prefix) || value.length === options.prefix.length)) {
    fail(at, `expected an ID starting with "${options.prefix}", got ${shown(value)}`);
  }
  if (options.pattern !== undefined && !options.pattern.test(value)) {
    fail(at, `expected ${options.patternName ?? `a value matching ${options.pattern}`}, got ${shown(value)}`);
  }
  return value;
}

export function readEnum<T extends string>(record: JsonObject, key: string, path: string, values: readonly T[]): T {
  const value = record[key];
  const at = join(path, key);
  if (value === undefined) fail(at, `is required (one of ${values.join(", ")})`);
  return checkEnum(value, at, values);
}

export function readOptionalEnum<T extends string>(
  record: JsonObject,
  key: string,
  path: string,
  values: readonly T[],
): T | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  return checkEnum(value, join(path, key), values);
}

export function checkEnum<T extends string>(value: unknown, at: string, values: readonly T[]): T {
  if (typeof value !== "string" || !(values as readonly string[]).includes(value)) {
    fail(at, `expected one of ${values.join(", ")}, got ${shown(value)}`);
  }
  return value as T;
}

export function readInteger(
  record: JsonObject,
  key: string,
  path: string,
  range: { min?: number; max?: number } = {},
): number {
  const value = record[key];
  const at = join(path, key);
  if (value === undefined) fail(at, "is required");
  return checkInteger(value, at, range);
}

export function readOptionalInteger(
  record: JsonObject,
  key: string,
  path: string,
  range: { min?: number; max?: number } = {},
): number | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  return checkInteger(value, join(path, key), range);
}

function checkInteger(value: unknown, at: string, range: { min?: number; max?: number }): number {
  if (typeof value !== "number" || !Number.isInteger(value)) fail(at, `expected an integer, got ${shown(value)}`);
  if (range.min !== undefined && value < range.min) fail(at, `must be at least ${range.min}, got ${value}`);
  if (range.max !== undefined && value > range.max) fail(at, `must be at most ${range.max}, got ${value}`);
  return value;
}

export function readOptionalBoolean(record: JsonObject, key: string, path: string): boolean | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") fail(join(path, key), `expected true or false, got ${shown(value)}`);
  return value;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

export function readOptionalTime(record: JsonObject, key: string, path: string): string | undefined {
  const value = record[key];
  if (value === undefined) return undefined;
  return checkTime(value, join(path, key));
}

export function readTime(record: JsonObject, key: string, path: string): string {
  const value = record[key];
  const at = join(path, key);
  if (value === undefined) fail(at, "is required");
  return checkTime(value, at);
}

function checkTime(value: unknown, at: string): string {
  if (typeof value !== "string" || !ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
    fail(at, `expected an ISO 8601 UTC time like "2026-11-27T20:07:03Z", got ${shown(value)}`);
  }
  return value;
}

export const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** A whitelist entry: an IPv4 address or an IPv4 CIDR block. */
export const SECURITY_IP = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/([0-9]|[12]\d|3[0-2]))?$/;
