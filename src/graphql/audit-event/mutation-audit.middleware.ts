import { UpstreamCallRefusedError } from "../../upstream/upstream-call.scope";
import type { MiddlewareFn } from "type-graphql";
import type { Operation } from "../access/access-policy.types";
import type { GatewayContext } from "../gateway.context";

/** What a mutation acts on, read from its raw arguments (before validation: any shape may arrive). */
export interface AuditTarget {
  regionId: unknown;
  scalingGroupId: unknown;
  instanceIds: unknown[];
  lifecycleHookId?: unknown;
}

/** Bounds on what a record copies from caller input: the input is not validated yet when an invalid one is recorded. */
const MAX_RECORDED_IDS = 100;
const MAX_RECORDED_ID_LENGTH = 128;

/**
 * Records one audit record per attempt of a mutation, whatever its outcome: success, typed error
 * (validation, policy, upstream) or a top-level error. Put it outermost, before
 * `ValidationErrorsAsData`, so it sees the final result: `@UseMiddleware(AuditedMutation("detach", detachTarget), ValidationErrorsAsData)`.
 * The record is durable before the middleware returns, so before the response is sent.
 */
function AuditedMutation(operation: Operation, targetOf: (args: Record<string, unknown>) => AuditTarget): MiddlewareFn<GatewayContext> {
  return async ({ args, context }, next) => {
    let result: unknown;
    let failure: unknown;
    try {
      result = await next();
    } catch (error) {
      failure = error;
    }
    const member = (failure === undefined ? result : undefined) as Record<string, unknown> | undefined;
    await recordAttempt(
      context,
      operation,
      targetOf(args),
      member === undefined
        ? { typename: "Error", code: codeOfError(failure) }
        : { typename: member.constructor.name, code: typeof member.code === "string" ? member.code : null },
      member,
    );
    if (failure !== undefined) throw failure;
    return result;
  };
}

/**
 * Writes the audit record of one mutation attempt; `member` is the union member it answered, when
 * it got that far. Also used for attempts refused before execution (src/server/plugins/pre-execution-audit.plugin.ts).
 */
export async function recordAttempt(
  context: GatewayContext,
  operation: Operation,
  target: AuditTarget,
  outcome: { typename: string; code: string | null },
  member?: Record<string, unknown>,
): Promise<void> {
  await context.audit.record({
    time: new Date().toISOString(),
    correlationId: context.correlationId,
    principal: { kind: context.principal.kind, id: context.principal.id },
    clientAddress: context.clientAddress ?? null,
    profile: context.access.profile,
    accountId: context.accountId,
    operation,
    regionId: bounded(target.regionId) ?? "",
    scalingGroupId: bounded(target.scalingGroupId) ?? "",
    instanceIds: target.instanceIds.slice(0, MAX_RECORDED_IDS).map((id) => bounded(id) ?? ""),
    ...(target.lifecycleHookId === undefined ? {} : { lifecycleHookId: bounded(target.lifecycleHookId) ?? "" }),
    outcome,
    upstreamRequestId: typeof member?.requestId === "string" ? member.requestId : null,
    scalingActivityId: typeof member?.scalingActivityId === "string" ? member.scalingActivityId : null,
    clientToken: typeof member?.clientToken === "string" ? member.clientToken : null,
  });
}

/** The `attachInstances(input:)` target. */
function attachAuditTarget(args: Record<string, unknown>): AuditTarget {
  const input = (args.input ?? {}) as Record<string, unknown>;
  const instances = Array.isArray(input.instances) ? input.instances : [];
  return {
    regionId: input.regionId,
    scalingGroupId: input.scalingGroupId,
    instanceIds: instances.map((instance) => (instance as Record<string, unknown> | null)?.instanceId),
  };
}

/** What a `detachInstances` acts on, read from its raw arguments (validation may not have run yet). */
function detachAuditTarget(args: Record<string, unknown>): AuditTarget {
  const input = (args.input ?? {}) as Record<string, unknown>;
  return {
    regionId: input.regionId,
    scalingGroupId: input.scalingGroupId,
    instanceIds: Array.isArray(input.instanceIds) ? input.instanceIds : [],
  };
}

/** The `completeLifecycleAction(input:)` target: its group is known only once the hook is read. */
function lifecycleAuditTarget(args: Record<string, unknown>): AuditTarget {
  const input = (args.input ?? {}) as Record<string, unknown>;
  return { regionId: input.regionId, scalingGroupId: "", instanceIds: [], lifecycleHookId: input.lifecycleHookId };
}

/** Every audited mutation, by its schema field: the operation its grant names and how to read its target. */
export const AUDITED_MUTATIONS: Readonly<
  Record<string, { operation: Operation; targetOf: (args: Record<string, unknown>) => AuditTarget }>
> = Object.freeze({
  attachInstances: { operation: "attach", targetOf: attachAuditTarget },
  detachInstances: { operation: "detach", targetOf: detachAuditTarget },
  completeLifecycleAction: { operation: "lifecycle", targetOf: lifecycleAuditTarget },
});

/** `@UseMiddleware(auditedMutation("attachInstances"), …)`: the audit middleware of a field of `AUDITED_MUTATIONS`. */
export function auditedMutation(field: keyof typeof AUDITED_MUTATIONS & string): MiddlewareFn<GatewayContext> {
  const entry = AUDITED_MUTATIONS[field];
  if (entry === undefined) throw new Error(`${field} is not an audited mutation`);
  return AuditedMutation(entry.operation, entry.targetOf);
}

function bounded(value: unknown): string | null {
  return typeof value === "string" ? value.slice(0, MAX_RECORDED_ID_LENGTH) : null;
}

/** The code a failed attempt is answered with: a GraphQL error's, or a refused upstream call's (the budget). */
function codeOfError(error: unknown): string | null {
  if (error instanceof UpstreamCallRefusedError) return error.code;
  const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
  return typeof code === "string" ? code : null;
}
