#!/usr/bin/env node
// Extracts the response-body models of the actions the emulator serves from the official
// Alibaba Cloud TypeScript SDK sources (github.com/aliyun/alibabacloud-typescript-sdk) into
// test/support/fixtures/sdk-models.json. The SDK packages cannot be runtime dependencies, so the
// model-walk test (test/emulator/protocol/sdk-model-shapes.test.ts) reads this fixture instead.
//
// Usage: node scripts/extract-sdk-models.mjs <git dir of a clone of alibabacloud-typescript-sdk>
//
// Each model class declares `static names()` (field → wire name) and `static types()` (field →
// 'string' | 'number' | 'boolean' | ModelClass | { type: 'array', itemType } | { type: 'map' }).
// ESS comes from ess-20220222: the ess-20140828 folder of that repository is frozen at 1.0.1 and
// has no DescribeScalingGroups model. The 2022-02-22 models return flat arrays where 2014-08-28
// (the version the emulator and the gateway speak) wraps every list as {"Plural": {"Singular": []}};
// `wrapFlatArrays` turns the one into the other, deriving the singular as 2014-08-28 names it
// (RemovalPolicies → RemovalPolicy, VSwitchIds → VSwitchId).
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ACTIONS = [
  { product: "Ess", action: "DescribeScalingGroups", file: "ess-20220222/src/models/DescribeScalingGroupsResponseBody.ts", flat: true },
  {
    product: "Ess",
    action: "DescribeScalingInstances",
    file: "ess-20220222/src/models/DescribeScalingInstancesResponseBody.ts",
    flat: true,
  },
  {
    product: "Ess",
    action: "DescribeScalingActivities",
    file: "ess-20220222/src/models/DescribeScalingActivitiesResponseBody.ts",
    flat: true,
  },
  {
    product: "Ess",
    action: "DescribeScalingConfigurations",
    file: "ess-20220222/src/models/DescribeScalingConfigurationsResponseBody.ts",
    flat: true,
  },
  { product: "Ess", action: "DescribeLifecycleHooks", file: "ess-20220222/src/models/DescribeLifecycleHooksResponseBody.ts", flat: true },
  {
    product: "Ess",
    action: "DescribeLifecycleActions",
    file: "ess-20220222/src/models/DescribeLifecycleActionsResponseBody.ts",
    flat: true,
  },
  { product: "Ess", action: "CompleteLifecycleAction", file: "ess-20220222/src/models/CompleteLifecycleActionResponseBody.ts", flat: true },
  { product: "Ecs", action: "DescribeInstances", file: "ecs-20140526/src/models/DescribeInstancesResponseBody.ts" },
  { product: "Ecs", action: "DescribeSecurityGroups", file: "ecs-20140526/src/models/DescribeSecurityGroupsResponseBody.ts" },
  { product: "Slb", action: "DescribeLoadBalancerAttribute", file: "slb-20140515/src/models/DescribeLoadBalancerAttributeResponseBody.ts" },
  { product: "Rds", action: "DescribeDBInstanceAttribute", file: "rds-20140815/src/models/DescribeDbinstanceAttributeResponseBody.ts" },
  { product: "Rds", action: "DescribeDBInstanceIPArrayList", file: "rds-20140815/src/models/DescribeDbinstanceIparrayListResponseBody.ts" },
];

const gitDir = process.argv[2];
if (!gitDir) {
  console.error("usage: node scripts/extract-sdk-models.mjs <git dir of alibabacloud-typescript-sdk>");
  process.exit(2);
}
const git = (...args) => execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const commit = git("rev-parse", "HEAD").trim();

/** `{ key: value, ... }` object-literal body of `static <method>()` in one class body. */
function staticReturn(body, method) {
  const start = body.indexOf(`static ${method}()`);
  if (start < 0) return "";
  const open = body.indexOf("return {", start) + "return ".length;
  let depth = 0;
  for (let i = open; i < body.length; i += 1) {
    if (body[i] === "{") depth += 1;
    if (body[i] === "}") depth -= 1;
    if (depth === 0) return body.slice(open + 1, i);
  }
  throw new Error(`unbalanced ${method}()`);
}

function parseClasses(source) {
  const classes = new Map();
  const pattern = /export class (\w+) extends \$(?:tea|dara)\.Model \{/g;
  const starts = [...source.matchAll(pattern)];
  starts.forEach((match, index) => {
    const body = source.slice(match.index, starts[index + 1]?.index ?? source.length);
    const names = Object.fromEntries([...staticReturn(body, "names").matchAll(/(\w+): '([^']+)'/g)].map((m) => [m[1], m[2]]));
    const types = {};
    for (const line of staticReturn(body, "types").split("\n")) {
      const m = /^\s*(\w+): (.+?),?\s*$/.exec(line);
      if (!m) continue;
      const [, field, raw] = m;
      const array = /\{ 'type': 'array', 'itemType': '?(\w+)'? \}/.exec(raw);
      if (array) types[field] = { array: array[1] };
      else if (raw.includes("'type': 'map'")) types[field] = "map";
      else types[field] = raw.replace(/'/g, "");
    }
    classes.set(match[1], { names, types });
  });
  return classes;
}

const SCALARS = new Set(["string", "number", "boolean", "any"]);

/** The model as `{WireName: type}`, where type is a scalar name, {object}, {array: type} or "map". */
function resolve(classes, type) {
  if (typeof type === "object") return { array: resolve(classes, type.array) };
  if (SCALARS.has(type) || type === "map") return type;
  const model = classes.get(type);
  if (!model) throw new Error(`unknown model ${type}`);
  const fields = {};
  for (const [field, wire] of Object.entries(model.names)) {
    if (model.types[field] === undefined) throw new Error(`${type}.${field} has no type`);
    fields[wire] = resolve(classes, model.types[field]);
  }
  return { object: fields };
}

/** 2014-08-28 names the element of a wrapped list by its singular: Policies → Policy, Ids → Id. */
export function singular(plural) {
  if (plural.endsWith("ies")) return `${plural.slice(0, -3)}y`;
  if (plural.endsWith("ses")) return plural.slice(0, -2);
  if (plural.endsWith("s")) return plural.slice(0, -1);
  return plural;
}

function wrapFlatArrays(type, wireName) {
  if (typeof type !== "object") return type;
  if (type.array !== undefined) {
    return { object: { [singular(wireName)]: { array: wrapFlatArrays(type.array, singular(wireName)) } } };
  }
  return { object: Object.fromEntries(Object.entries(type.object).map(([name, field]) => [name, wrapFlatArrays(field, name)])) };
}

const models = {};
for (const entry of ACTIONS) {
  const classes = parseClasses(git("show", `HEAD:${entry.file}`));
  const root = `${entry.action}ResponseBody`;
  let model = resolve(classes, root);
  if (entry.flat) model = wrapFlatArrays(model, "");
  models[`${entry.product}/${entry.action}`] = {
    source: entry.file,
    ...(entry.flat && { wrappedFrom: "flat arrays of 2022-02-22" }),
    fields: model.object,
  };
}

const out = join(dirname(fileURLToPath(import.meta.url)), "..", "test", "support", "fixtures", "sdk-models.json");
const fixture = {
  description:
    "Response-body models of the official Alibaba Cloud TypeScript SDK, extracted by scripts/extract-sdk-models.mjs. Do not edit by hand: rerun the script against a newer SDK commit.",
  repository: "https://github.com/aliyun/alibabacloud-typescript-sdk",
  commit,
  models,
};
writeFileSync(out, `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`wrote ${out} (${Object.keys(models).length} models, commit ${commit})`);
