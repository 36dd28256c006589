import { Field, ID, ObjectType } from "type-graphql";
import type { AuditRecord } from "./audit.record";
import { createConnectionType } from "../common/relay/connection.type";
import { ACCESS_OPERATION_OF, AccessOperation } from "../access/access-operation.enum";

@ObjectType("AuditEvent", {
  description:
    'One mutation attempt, allowed or refused, as the gateway\'s audit trail recorded it (docs/security.md "Audit trail"). Never holds a credential or token.',
})
export class AuditEvent {
  @Field(() => String, { description: "When the outcome was known (ISO 8601)." })
  time!: string;

  @Field(() => ID, { description: "The request's correlation ID (the `x-correlation-id` header and log lines)." })
  correlationId!: string;

  @Field(() => String, { description: "How the caller authenticated: `oidc`, `apiKey`, `trustedHeader` or `anonymous`." })
  principalKind!: string;

  @Field(() => String, { description: "The caller: the token's `sub`, the API key's name or the proxy-asserted user." })
  principalId!: string;

  @Field(() => String, { nullable: true, description: "The peer address of the caller's connection." })
  clientAddress!: string | null;

  @Field(() => String, { description: "The credential profile the gateway acted as." })
  profile!: string;

  @Field(() => String, { nullable: true, description: "The cloud account of the profile, when configured." })
  accountId!: string | null;

  @Field(() => AccessOperation, { description: "The operation attempted." })
  operation!: AccessOperation;

  @Field(() => String, { description: "The target group's region, as sent." })
  regionId!: string;

  @Field(() => String, { description: "The target scaling group, as sent." })
  scalingGroupId!: string;

  @Field(() => [String], { description: "The instance IDs, as sent (at most 100 recorded)." })
  instanceIds!: string[];

  @Field(() => String, { nullable: true, description: "`LIFECYCLE`: the lifecycle hook acted on; null for other operations." })
  lifecycleHookId!: string | null;

  @Field(() => String, {
    description: "The result's `__typename` (`AttachInstancesSuccess`, `AccessDeniedError`, …), or `Error` for a top-level error.",
  })
  outcome!: string;

  @Field(() => String, { nullable: true, description: "The result's `code`; null for a success." })
  outcomeCode!: string | null;

  @Field(() => String, { nullable: true, description: "The upstream RequestId, when Alibaba Cloud answered." })
  upstreamRequestId!: string | null;

  @Field(() => String, { nullable: true, description: "The scaling activity ESS started, for a success." })
  scalingActivityId!: string | null;

  @Field(() => String, { nullable: true, description: "The ClientToken the mutation was (or would have been) sent with." })
  clientToken!: string | null;

  static from(record: AuditRecord): AuditEvent {
    return Object.assign(new AuditEvent(), {
      time: record.time,
      correlationId: record.correlationId,
      principalKind: record.principal.kind,
      principalId: record.principal.id,
      clientAddress: record.clientAddress,
      profile: record.profile,
      accountId: record.accountId,
      operation: ACCESS_OPERATION_OF[record.operation] ?? AccessOperation.ATTACH,
      regionId: record.regionId,
      scalingGroupId: record.scalingGroupId,
      instanceIds: record.instanceIds,
      lifecycleHookId: record.lifecycleHookId ?? null,
      outcome: record.outcome.typename,
      outcomeCode: record.outcome.code,
      upstreamRequestId: record.upstreamRequestId,
      scalingActivityId: record.scalingActivityId,
      clientToken: record.clientToken,
    });
  }
}

export const { Connection: AuditEventConnection } = createConnectionType("AuditEvent", AuditEvent, "audit events, newest first");
