import { z } from "zod";

/**
 * Settings tables and the zod schemas that read them, shared by the gateway (src/server) and the
 * emulator's command line (src/emulator). A table maps a setting's name to its entry: where it is
 * read from, its `--help` line, its default and a `schema` built here. `settingsSchema` turns the
 * table into one `z.object` over the raw strings; `readSettings` parses and reports the first issue.
 *
 * The wording of a bad value stays with each table (the gateway says "… is not an integer from 1
 * to 20.", the emulator "--port must be an integer from 0 to 65535, got …"), so every builder takes
 * the message as a function of the raw text.
 */

/** What a table says about a bad value, given the value as written. */
export type Problem = (raw: string) => string;

/** The part of a table entry that makes a setting's schema and `--help` default. */
export interface SettingEntry {
  /** Reads the raw text (a flag, an environment variable) into the setting's value. */
  schema: z.ZodType;
  /** The value when the setting is not given, written as it would be given; parsed by `schema`. */
  default?: string | number | boolean;
  /** What `--help` shows as the default when it is not one fixed value (derived from another setting, or none). */
  defaultText?: string;
}

/** The default `--help` shows for a setting. */
export function settingDefaultText(spec: Pick<SettingEntry, "default" | "defaultText">): string {
  return spec.defaultText ?? String(spec.default);
}

type SettingsShape<Table extends Record<string, SettingEntry>> = {
  [Name in keyof Table]: Table[Name] extends { default: string | number | boolean }
    ? z.ZodPrefault<Table[Name]["schema"]>
    : z.ZodOptional<Table[Name]["schema"]>;
};

/**
 * One `z.object` for a whole table: a setting with a `default` parses that default when it is not
 * given (so the default is checked like any value), one without is optional. Issues come in the
 * table's order, so the first names the first bad setting as `--help` lists them.
 */
export function settingsSchema<const Table extends Record<string, SettingEntry>>(table: Table): z.ZodObject<SettingsShape<Table>> {
  const shape = Object.fromEntries(
    Object.entries(table).map(([name, entry]) => [
      name,
      entry.default === undefined ? entry.schema.optional() : entry.schema.prefault(String(entry.default)),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<SettingsShape<Table>>;
}

/**
 * The raw input of a table: each setting's text from `lookup` (flag or variable), trimmed; blank
 * counts as not given.
 */
export function settingInputs<Name extends string>(
  names: readonly Name[],
  lookup: (name: Name) => string | undefined,
): Record<Name, string | undefined> {
  return Object.fromEntries(
    names.map((name) => {
      const value = lookup(name)?.trim();
      return [name, value === "" ? undefined : value];
    }),
  ) as Record<Name, string | undefined>;
}

/**
 * Parses `input` with `schema`; on failure throws what `toError` makes of the first issue: the
 * setting it is about (the first step of its path: a table name) and its message.
 */
export function readSettings<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  toError: (setting: string, problem: string) => Error,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw toError(String(issue.path[0] ?? ""), issue.message);
}

/** Adds an issue about `setting` to a cross-field step (`z.transform`), in the wording of its table. */
export function settingIssue(ctx: z.RefinementCtx, setting: string, message: string): typeof z.NEVER {
  ctx.addIssue({ code: "custom", path: [setting], message, input: undefined });
  return z.NEVER;
}

/**
 * A text that `value` accepts, reported with one message quoting the text as written (the steps of
 * `value` see converted values, which would print differently: `"0"` vs `0`).
 */
function readAs<T>(value: z.ZodType<T>, problem: Problem): z.ZodType<T, string> {
  return z.string().transform((raw, ctx) => {
    const parsed = value.safeParse(raw);
    if (parsed.success) return parsed.data;
    ctx.addIssue({ code: "custom", message: problem(raw), input: raw });
    return z.NEVER;
  });
}

/** Decimal digits (with a sign when `min` is negative) of a safe integer from `min` to `max`. */
export function integerSetting(bounds: { min: number; max: number }, problem: Problem): z.ZodType<number, string> {
  const digits = bounds.min < 0 ? /^-?\d+$/ : /^\d+$/;
  return readAs(z.string().regex(digits).transform(Number).pipe(z.int().min(bounds.min).max(bounds.max)), problem);
}

/** A decimal number (as `Number` reads it) from `min` to `max`. */
export function numberSetting(bounds: { min: number; max: number }, problem: Problem): z.ZodType<number, string> {
  return readAs(z.coerce.number().min(bounds.min).max(bounds.max), problem);
}

/** One of `values`, compared exactly or, with `caseInsensitive`, after lower-casing. */
export function oneOfSetting<const Value extends string>(
  values: readonly Value[],
  problem: Problem,
  options: { caseInsensitive?: boolean } = {},
): z.ZodType<Value, string> {
  const value = z.enum(values as readonly [Value, ...Value[]], { error: (issue) => problem(String(issue.input)) });
  return options.caseInsensitive === true ? z.string().toLowerCase().pipe(value) : value;
}

/** `true`, `false`, `1` or `0`, in any case. */
export function booleanSetting(problem: Problem): z.ZodType<boolean, string> {
  return z.stringbool({
    truthy: ["true", "1"],
    falsy: ["false", "0"],
    case: "insensitive",
    error: (issue) => problem(String(issue.input)),
  });
}

/** A switch of a command line: present or not (`parseArgs` gives `true` or nothing). */
export function switchSetting(): z.ZodType<boolean, boolean> {
  return z.boolean();
}

/** Any text (a file path, a name, a secret): presence is the only rule. */
export function textSetting(): z.ZodType<string, string> {
  return z.string();
}

/** A text with at least one non-blank character, for inputs that are not trimmed (command lines). */
export function nonBlankSetting(problem: Problem): z.ZodType<string, string> {
  return z.string().regex(/\S/, { error: (issue) => problem(String(issue.input)) });
}

/** A text matching `pattern` (a host name, an endpoint, a region ID, a header name). */
export function patternSetting(pattern: RegExp, problem: Problem): z.ZodType<string, string> {
  return z.string().regex(pattern, { error: (issue) => problem(String(issue.input)) });
}

/** A host name or IP address, `[…]` around IPv6 (a listen address, no port). */
export function hostNameSetting(problem: Problem): z.ZodType<string, string> {
  return z.union([z.string().regex(/^[A-Za-z0-9.:_-]+$/), z.string().regex(/^\[[0-9a-fA-F:.]+\]$/)], {
    error: (issue) => problem(String(issue.input)),
  });
}

/** `host[:port]` of a service endpoint, without a scheme or path. */
export function endpointSetting(problem: Problem): z.ZodType<string, string> {
  return patternSetting(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, problem);
}

/** An absolute URL with one of `protocols` (such as `"https:"`), kept as written. */
export function urlSetting(protocols: readonly string[], problems: { notUrl: Problem; protocol: Problem }): z.ZodType<string, string> {
  return z
    .string()
    .refine((raw) => URL.canParse(raw), { abort: true, error: (issue) => problems.notUrl(String(issue.input)) })
    .refine((raw) => protocols.includes(new URL(raw).protocol), { error: (issue) => problems.protocol(String(issue.input)) });
}

/** The rules of a comma-separated list besides its entries' own. */
interface ListRules {
  /** The message when no entry is left; absent: an empty list is fine. */
  empty?: string;
  /** An entry (`*`) that stands alone for every value, kept as it is, and the message when it is in company. */
  alone?: { entry: string; problem: string };
}

/**
 * A comma-separated list whose blank entries are dropped, every entry read by `entry`. The list's
 * own rules come first (an empty list, a `*` in company), then each entry's.
 */
export function listSetting<T>(entry: z.ZodType<T, string>, rules: ListRules = {}): z.ZodType<T[], string> {
  let entries = z.array(z.string());
  if (rules.empty !== undefined) entries = entries.min(1, { error: rules.empty });
  const alone = rules.alone;
  if (alone !== undefined) {
    entries = entries.refine((list) => !list.includes(alone.entry) || list.length === 1, { error: alone.problem });
  }
  const item =
    alone === undefined
      ? entry
      : // The lone entry is a value of the list's type by the caller's word (`*` among host names or origins).
        z.string().transform((raw, ctx) => (raw === alone.entry ? (raw as T) : parsedBy(entry, raw, ctx)));
  return z
    .string()
    .transform((raw) =>
      raw
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== ""),
    )
    .pipe(entries)
    .pipe(z.array(item));
}

/** `raw` read by `schema` inside a transform, its issues passed on with their messages. */
function parsedBy<T>(schema: z.ZodType<T, string>, raw: string, ctx: z.RefinementCtx): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, input: raw });
  return z.NEVER;
}

/** How long the emulator's activities take, as a setting reads it (`ActivityTiming` of src/emulator). */
type ActivityTimingValue = { mode: "immediate" } | { mode: "manual" } | { mode: "realtime"; durationMs: number };

const REALTIME_PREFIX = "realtime:";

/**
 * `realtime:MS`, `immediate` or `manual`. `problem` words a value of another form, `durationProblem`
 * a `realtime:` duration beyond `maxMs` (given its digits and the whole value).
 */
export function activityTimingSetting(options: {
  maxMs: number;
  problem: Problem;
  durationProblem: (digits: string, raw: string) => string;
}): z.ZodType<ActivityTimingValue, string> {
  const digitsOf = (raw: string) => raw.slice(REALTIME_PREFIX.length);
  const realtime = z
    .string()
    .transform(digitsOf)
    .pipe(z.string().regex(/^\d+$/).transform(Number).pipe(z.int().min(0).max(options.maxMs)))
    .transform((durationMs) => ({ mode: "realtime" as const, durationMs }));
  const fixed = z.enum(["immediate", "manual"]).transform((mode) => ({ mode }));
  return patternSetting(/^(immediate|manual|realtime:\d+)$/, options.problem).pipe(
    // Past the pattern only the duration can be wrong.
    z.union([fixed, realtime], {
      error: (issue) => options.durationProblem(digitsOf(String(issue.input)), String(issue.input)),
    }),
  );
}
