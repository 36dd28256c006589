import "reflect-metadata";
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { ArgumentValidationError } from "type-graphql";
import { AttachInstanceInput } from "../../../src/graphql/attach-instances/attach-instance.input";
import { AttachInstancesInput } from "../../../src/graphql/attach-instances/attach-instances.input";
import { validateArgument } from "../../../src/graphql/common/argument.validator";
import { InstancesArgs } from "../../../src/graphql/instance/instances.args";

type BuiltInValidateArg = (
  argValue: unknown,
  argType: unknown,
  resolverData: unknown,
  globalValidateSettings: unknown,
  argValidateSettings: unknown,
  globalValidateFn: unknown,
  argValidateFn: unknown,
) => Promise<unknown>;

// type-graphql's own validation, which the schema used before `validateFn`. It is not exported, so
// it is loaded from the installed package's build, next to its entry point.
const builtInValidateArg = (
  require(path.join(path.dirname(require.resolve("type-graphql")), "resolvers", "validate-arg.js")) as { validateArg: BuiltInValidateArg }
).validateArg;
// The `validate` setting the schema had.
const FORMER_VALIDATE_SETTINGS = { validationError: { target: false, value: false } };

type Outcome = { ok: true } | { ok: false; isArgumentValidationError: boolean; message: string; extensions: unknown };

async function outcomeOf(run: () => Promise<unknown> | void): Promise<Outcome> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    return {
      ok: false,
      isArgumentValidationError: error instanceof ArgumentValidationError,
      message: (error as Error).message,
      extensions: JSON.parse(JSON.stringify((error as ArgumentValidationError).extensions)),
    };
  }
}

function instance(instanceId: string, loadBalancerWeight?: number): AttachInstanceInput {
  return Object.assign(new AttachInstanceInput(), { instanceId, ...(loadBalancerWeight === undefined ? {} : { loadBalancerWeight }) });
}

function attachInput(fields: Partial<AttachInstancesInput>): AttachInstancesInput {
  return Object.assign(new AttachInstancesInput(), {
    regionId: "cn-hangzhou",
    scalingGroupId: "asg-1",
    instances: [instance("i-1")],
    ...fields,
  });
}

/**
 * The schema validates arguments with its own `validateFn` (class-validator imported once) instead
 * of type-graphql's built-in path (a `require` per argument). It must behave exactly as the
 * built-in path did with the former settings: same pass/fail, same error class, same
 * `validationErrors` (no `target`, no `value`), missing properties skipped, unknown objects allowed.
 */
describe("the schema's argument validator behaves as type-graphql's built-in validation", () => {
  const cases: Array<[string, unknown]> = [
    ["a valid input", attachInput({})],
    [
      "a valid input with every optional field",
      attachInput({ entrusted: true, lifecycleHook: false, ignoreInvalidInstance: null, clientToken: "token-1" }),
    ],
    [
      "many violations at once, nested ones included",
      attachInput({
        regionId: "CN_Hangzhou!".repeat(7),
        scalingGroupId: "",
        instances: [instance("i-1"), instance("i-2", 101), instance("i-1", -1), instance("", 1.5)],
        clientToken: "",
      }),
    ],
    ["an empty instance list", attachInput({ instances: [] })],
    ["21 instances", attachInput({ instances: Array.from({ length: 21 }, (_, index) => instance(`i-${index}`)) })],
    ["a null optional field (skipped as missing)", attachInput({ clientToken: null })],
    [
      "@Args with too many IDs",
      Object.assign(new InstancesArgs(), { regionId: "cn-hangzhou", ids: Array.from({ length: 101 }, (_, index) => `i-${index}`) }),
    ],
    ["@Args within limits", Object.assign(new InstancesArgs(), { regionId: "cn-hangzhou", ids: ["i-1"] })],
    ["a list of inputs, one invalid", [attachInput({}), attachInput({ instances: [] }), "not an object", null]],
    ["a plain object of no class (unknown values allowed)", { anything: 1 }],
    ["null", null],
    ["undefined", undefined],
    ["a string", "cn-hangzhou"],
    ["a number", 42],
  ];

  for (const [name, value] of cases) {
    test(name, async () => {
      const expected = await outcomeOf(() =>
        builtInValidateArg(value, Object, {}, FORMER_VALIDATE_SETTINGS, undefined, undefined, undefined),
      );
      const actual = await outcomeOf(() =>
        validateArgument(value, Object, { root: undefined, args: {}, context: {}, info: undefined as never }),
      );
      assert.deepEqual(actual, expected);
    });
  }

  test("the cases cover failures, and failures carry no target or value", async () => {
    const outcome = await outcomeOf(() =>
      validateArgument(attachInput({ instances: [instance("i-1", 101)] }), Object, {
        root: undefined,
        args: {},
        context: {},
        info: undefined as never,
      }),
    );
    assert.equal(outcome.ok, false);
    if (outcome.ok) return;
    assert.equal(outcome.isArgumentValidationError, true);
    const text = JSON.stringify(outcome.extensions);
    assert.match(text, /"max"/);
    assert.doesNotMatch(text, /"target"|"value"/);
  });
});
