import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST, type FieldNode, type GraphQLSchema } from "graphql";
import { getArgumentValues } from "graphql/execution/values";
import { AUDITED_MUTATIONS, recordAttempt } from "../../graphql/audit-event/mutation-audit.middleware";
import type { ServerContext } from "../server.context";

/**
 * The audit record of a mutation attempt refused before it executed (a limit, the upstream
 * estimate, an argument or variable check: HTTP 400), which never reaches the resolver's audit
 * middleware. One record per audited root field, with the refusal's code; nothing else runs.
 */
export function preExecutionAuditPlugin(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async didEncounterErrors({ contextValue, document, request, errors, schema }) {
          if (executed || document === undefined) return;
          const operation = getOperationAST(document, request.operationName);
          if (operation?.operation !== "mutation") return;
          const code = errors[0]?.extensions?.code;
          const outcome = { typename: "Refused", code: typeof code === "string" ? code : null };
          for (const selection of operation.selectionSet.selections) {
            if (selection.kind !== "Field") continue;
            const audited = AUDITED_MUTATIONS[selection.name.value];
            if (audited === undefined) continue;
            await recordAttempt(
              contextValue,
              audited.operation,
              audited.targetOf(rawArguments(schema, selection, request.variables)),
              outcome,
            );
          }
        },
      };
    },
  };
}

/** A root mutation field's arguments as far as they can be read (they may be what was refused). */
function rawArguments(schema: GraphQLSchema, field: FieldNode, variables: Record<string, unknown> | undefined): Record<string, unknown> {
  const definition = schema.getMutationType()?.getFields()[field.name.value];
  if (definition === undefined) return {};
  try {
    return getArgumentValues(definition, field, variables ?? {});
  } catch {
    return {};
  }
}
