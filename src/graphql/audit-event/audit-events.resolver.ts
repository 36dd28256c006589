import { GraphQLError } from "graphql";
import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { GatewayContext } from "../gateway.context";
import { ConnectionArgs } from "../common/relay/connection.args";
import { loadPagedWindow } from "../common/relay/offset-window.service";
import { AuditEvent, AuditEventConnection } from "./audit-event.type";

/** `extensions.code` when the caller holds no `audit` grant. */
const FORBIDDEN_CODE = "FORBIDDEN";

@Resolver()
export class AuditEventsResolver {
  @Query(() => AuditEventConnection, {
    description:
      'The audit trail, newest first: one event per mutation attempt, allowed or refused (docs/security.md "Audit trail"). Only for principals with an `audit` grant; holds the newest 10,000 events (the file sink keeps every one). No upstream call.',
  })
  async auditEvents(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() context: GatewayContext) {
    if (!context.access.mayReadAudit()) {
      throw new GraphQLError("Your grants do not include `audit`: the audit trail is not readable for you.", {
        extensions: { code: FORBIDDEN_CODE },
      });
    }
    // A snapshot: pages of one request agree even while records are added.
    const records = context.audit.recent();
    return loadPagedWindow(
      {
        cursorKind: "AuditEvent",
        first: args.first,
        after: args.after,
        upstreamPageSize: records.length + 1,
        fetchPage: async (pageNumber, pageSize) => ({
          items: records.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
          totalCount: records.length,
          pageNumber,
          pageSize,
        }),
      },
      AuditEvent.from,
    );
  }
}
