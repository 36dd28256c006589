import { readSettingsFile, type FieldReader } from "./settings-file.reader";
import {
  DEFAULT_PROFILE,
  OPERATIONS,
  type AccessPolicy,
  type Grant,
  type PolicyBinding,
  type TagSelector,
} from "../../graphql/access/access-policy.types";

const POLICY_SETTING = "ESS_GATEWAY_POLICY_FILE";

const REGION = /^(\*|[a-z]{2,}(-[a-z0-9]+)+)$/;
const NAME = /^[A-Za-z0-9._:@/-]{1,128}$/;
/** Group name patterns: ESS names plus `*` wildcards. */
const NAME_PATTERN = /^[A-Za-z0-9\u4e00-\u9fa5._*-]{1,64}$/;
const GROUP_ID = /^[A-Za-z0-9-]{1,64}$/;
/** ESS tag keys and values: 1 to 128 characters. */
const TAG_KEY = /^.{1,128}$/su;
const TAG_VALUE = /^.{1,128}$/su;
/** A tag key that reads as a plain JSON path step (`.team`); any other is quoted (`["cost center"]`). */
const PLAIN_PATH_STEP = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Loads and validates the policy file; throws `ConfigError` naming the path of the first bad field. */
export function loadAccessPolicy(file: string, knownProfiles: ReadonlySet<string>): AccessPolicy {
  return readSettingsFile(POLICY_SETTING, file, (root, fields) => parsePolicy(root, fields, knownProfiles));
}

function parsePolicy(root: unknown, fields: FieldReader, knownProfiles: ReadonlySet<string>): AccessPolicy {
  const top = fields.object(root, "$", ["version", "bindings"]);
  if (top.version !== 1) fields.fail("$.version", "must be 1.");
  const bindings = fields
    .array(top.bindings, "$.bindings", { nonEmpty: true })
    .map((entry, index) => parseBinding(entry, `$.bindings[${index}]`, fields, knownProfiles));
  const names = new Set<string>();
  bindings.forEach((binding, index) => {
    if (names.has(binding.name)) fields.fail(`$.bindings[${index}].name`, `${JSON.stringify(binding.name)} is used by an earlier binding.`);
    names.add(binding.name);
  });
  return { version: 1, bindings };
}

function parseBinding(value: unknown, path: string, fields: FieldReader, knownProfiles: ReadonlySet<string>): PolicyBinding {
  const binding = fields.object(value, path, ["name", "match", "profile", "grants"]);
  const match = fields.object(binding.match, `${path}.match`, ["subjects", "groups", "apiKeys"]);
  const parsedMatch = {
    subjects: fields.strings(match.subjects, `${path}.match.subjects`, { optional: true }),
    groups: fields.strings(match.groups, `${path}.match.groups`, { optional: true }),
    apiKeys: fields.strings(match.apiKeys, `${path}.match.apiKeys`, { optional: true, pattern: NAME }),
  };
  if (parsedMatch.subjects.length + parsedMatch.groups.length + parsedMatch.apiKeys.length === 0) {
    fields.fail(`${path}.match`, "names no principal (give subjects, groups or apiKeys).");
  }
  const profile = fields.optionalString(binding.profile, `${path}.profile`, NAME) ?? DEFAULT_PROFILE;
  if (!knownProfiles.has(profile)) {
    fields.fail(
      `${path}.profile`,
      `${JSON.stringify(profile)} is not a profile of ESS_GATEWAY_PROFILES_FILE (known: ${[...knownProfiles].join(", ")}).`,
    );
  }
  return {
    name: fields.string(binding.name, `${path}.name`, NAME),
    match: parsedMatch,
    profile,
    grants: fields
      .array(binding.grants, `${path}.grants`, { nonEmpty: true })
      .map((grant, index) => parseGrant(grant, `${path}.grants[${index}]`, fields)),
  };
}

function parseGrant(value: unknown, path: string, fields: FieldReader): Grant {
  const grant = fields.object(value, path, ["operations", "regions", "scalingGroups"]);
  const operations = fields
    .array(grant.operations, `${path}.operations`, { nonEmpty: true })
    .map((entry, index) => fields.oneOf(entry, `${path}.operations[${index}]`, OPERATIONS));
  const onlyAudit = operations.every((operation) => operation === "audit");
  const regions =
    onlyAudit && grant.regions === undefined
      ? ["*"]
      : fields.strings(grant.regions, `${path}.regions`, { nonEmpty: true, pattern: REGION });
  let scalingGroups: Grant["scalingGroups"];
  if (grant.scalingGroups === "*" || (onlyAudit && grant.scalingGroups === undefined)) {
    scalingGroups = "*";
  } else {
    const selector = fields.object(grant.scalingGroups, `${path}.scalingGroups`, ["ids", "names", "tags"]);
    scalingGroups = {
      ids: fields.strings(selector.ids, `${path}.scalingGroups.ids`, { optional: true, pattern: GROUP_ID }),
      names: fields.strings(selector.names, `${path}.scalingGroups.names`, { optional: true, pattern: NAME_PATTERN }),
      tags: parseTags(selector.tags, `${path}.scalingGroups.tags`, fields),
    };
    if (scalingGroups.ids.length + scalingGroups.names.length + scalingGroups.tags.length === 0) {
      fields.fail(`${path}.scalingGroups`, 'selects no group (give ids, names or tags, or "*").');
    }
  }
  return { operations: new Set(operations), regions, scalingGroups };
}

/** `tags: { team: "payments", env: "*" }`: every listed tag must be on the group. Absent: no tag selector. */
function parseTags(value: unknown, path: string, fields: FieldReader): TagSelector[] {
  if (value === undefined) return [];
  if (typeof value !== "object" || value === null || Array.isArray(value))
    fields.fail(path, 'must be an object of tag keys to values (or "*" for any value).');
  const entries = Object.entries(value);
  if (entries.length === 0) fields.fail(path, "lists no tag (leave it out, or give at least one key).");
  if (entries.length > 20) fields.fail(path, `lists ${entries.length} tags; a group carries at most 20.`);
  return entries.map(([key, tagValue]) => {
    const at = PLAIN_PATH_STEP.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
    if (!TAG_KEY.test(key)) fields.fail(at, "is not a tag key (1 to 128 characters).");
    return { key, value: fields.string(tagValue, at, TAG_VALUE) };
  });
}
