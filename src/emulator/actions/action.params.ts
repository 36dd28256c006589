import type { RpcParams } from "../emulator-core.types";
import { invalidParameter, missingParameter } from "./action.errors";

/**
 * Readers for RPC parameters (all strings on the wire). Each returns the typed value or throws
 * `MissingParameter` / `InvalidParameter` naming the parameter, so a bad request never reaches
 * the domain checks and never changes state.
 */

export function requiredString(params: RpcParams, name: string): string {
  const value = params[name];
  if (value === undefined || value === "") throw missingParameter(name);
  return value;
}

export function optionalString(params: RpcParams, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === "" ? undefined : value;
}

export function optionalEnum<T extends string>(params: RpcParams, name: string, values: readonly T[]): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw invalidParameter(name, `expected one of ${values.join(", ")}, got "${value}".`);
  return value as T;
}

export function optionalBoolean(params: RpcParams, name: string, fallback: boolean): boolean {
  const value = optionalString(params, name);
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  throw invalidParameter(name, `expected true or false, got "${value}".`);
}

const INTEGER = /^-?\d+$/;

export function optionalInteger(params: RpcParams, name: string, range: { min: number; max: number }): number | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  return parseInteger(value, name, range);
}

export function parseInteger(value: string, name: string, range: { min: number; max: number }): number {
  if (!INTEGER.test(value) || !Number.isSafeInteger(Number(value))) throw invalidParameter(name, `expected an integer, got "${value}".`);
  const number = Number(value);
  if (number < range.min || number > range.max)
    throw invalidParameter(name, `must be between ${range.min} and ${range.max}, got ${number}.`);
  return number;
}

/**
 * The values of a RepeatList such as `InstanceId.N` or `LoadBalancerWeight.N`, by index. Indices
 * must be 1..max; other keys starting with `<name>.` and empty values are malformed.
 */
export function indexedValues(params: RpcParams, name: string, max: number): Map<number, string> {
  const byIndex = new Map<number, string>();
  const prefix = `${name}.`;
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(prefix)) continue;
    const suffix = key.slice(prefix.length);
    if (!/^[1-9]\d*$/.test(suffix)) throw invalidParameter(key, `the index of "${name}.N" must be a number from 1 to ${max}.`);
    const index = Number(suffix);
    if (index > max) throw invalidParameter(key, `at most ${max} values of "${name}.N" are allowed (N = 1..${max}).`);
    if (value === "") throw invalidParameter(key, "must not be empty.");
    byIndex.set(index, value);
  }
  return byIndex;
}

/**
 * A RepeatList such as `InstanceId.1..20`: the values in index order, contiguous from 1 (a gap
 * means the caller lost an element). Returns an empty list when the parameter is absent.
 */
export function repeatList(params: RpcParams, name: string, max: number): string[] {
  const byIndex = indexedValues(params, name, max);
  const values: string[] = [];
  for (let index = 1; index <= byIndex.size; index++) {
    const value = byIndex.get(index);
    if (value === undefined) throw missingParameter(`${name}.${index}`);
    values.push(value);
  }
  return values;
}

/** Rejects a list that names the same value twice, naming the second occurrence. */
export function requireDistinct(values: readonly string[], name: string): void {
  values.forEach((value, index) => {
    if (values.indexOf(value) !== index) throw invalidParameter(`${name}.${index + 1}`, `"${value}" is listed more than once.`);
  });
}

/** A parameter holding a JSON array of strings, such as ECS `InstanceIds` (`["i-a","i-b"]`). */
export function jsonStringArray(params: RpcParams, name: string, max: number): string[] | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalidParameter(name, `expected a JSON array of strings such as ["i-example1","i-example2"].`);
  }
  if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string")) {
    throw invalidParameter(name, `expected a JSON array of strings such as ["i-example1","i-example2"].`);
  }
  if (parsed.length > max) throw invalidParameter(name, `at most ${max} IDs are allowed, got ${parsed.length}.`);
  return parsed as string[];
}

const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/** `ClientToken`: at most 64 printable ASCII characters (ess-api.md §1.2). */
export function clientToken(params: RpcParams): string | undefined {
  const value = optionalString(params, "ClientToken");
  if (value === undefined) return undefined;
  if (value.length > 64) throw invalidParameter("ClientToken", `at most 64 characters, got ${value.length}.`);
  if (!PRINTABLE_ASCII.test(value)) throw invalidParameter("ClientToken", "only printable ASCII characters are allowed.");
  return value;
}
