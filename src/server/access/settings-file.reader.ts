import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { ConfigError } from "../config/config.errors";

/**
 * Reads the access files (policy, API keys, profiles): JSON or YAML (YAML is a superset of JSON,
 * so one parser reads both). A problem becomes a `ConfigError` naming the setting, the file and
 * the JSON path of the bad field, so start-up (exit 2) and SIGHUP reloads report it alike.
 */
export function readSettingsFile<T>(setting: string, file: string, validate: (root: unknown, fields: FieldReader) => T): T {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(setting, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}.`);
  }
  let root: unknown;
  try {
    root = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new ConfigError(setting, `${file} is neither valid JSON nor YAML${line === undefined ? "" : ` (line ${line})`}.`);
  }
  return validate(root, new FieldReader(setting, file));
}

/** Typed reads of parsed JSON that fail naming the field's path, e.g. `$.bindings[2].grants[0].operations[1]`. */
export class FieldReader {
  constructor(
    private readonly setting: string,
    private readonly file: string,
  ) {}

  fail(path: string, problem: string): never {
    throw new ConfigError(this.setting, `${this.file}: ${path} ${problem}`);
  }

  object(value: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(path, "must be an object.");
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.fail(`${path}.${key}`, `is not a known field (expected one of ${allowed.join(", ")}).`);
    }
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string, options: { optional?: boolean; nonEmpty?: boolean } = {}): unknown[] {
    if (value === undefined && options.optional) return [];
    if (!Array.isArray(value)) this.fail(path, "must be a list.");
    if (options.nonEmpty && value.length === 0) this.fail(path, "must not be empty.");
    return value;
  }

  string(value: unknown, path: string, pattern?: RegExp): string {
    if (typeof value !== "string" || value.trim() === "") this.fail(path, "must be a non-empty string.");
    if (pattern !== undefined && !pattern.test(value)) this.fail(path, `${JSON.stringify(value)} does not match ${pattern.source}.`);
    return value;
  }

  optionalString(value: unknown, path: string, pattern?: RegExp): string | undefined {
    return value === undefined ? undefined : this.string(value, path, pattern);
  }

  strings(value: unknown, path: string, options: { optional?: boolean; nonEmpty?: boolean; pattern?: RegExp } = {}): string[] {
    return this.array(value, path, options).map((entry, index) => this.string(entry, `${path}[${index}]`, options.pattern));
  }

  oneOf<const T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value))
      this.fail(path, `must be one of ${allowed.join(", ")}.`);
    return value as T;
  }

  integer(value: unknown, path: string, min: number, max: number): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
      this.fail(path, `must be an integer from ${min} to ${max}.`);
    return value;
  }

  boolean(value: unknown, path: string, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== "boolean") this.fail(path, "must be true or false.");
    return value;
  }
}
