// The "Typed clients" example of docs/graphql-api.md, verbatim from the first import on (a test
// checks that the doc shows exactly this). tsc type-checks it with the generated types, and
// typed-client.test.ts runs it against the gateway.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { AttachInstancesDocument, type AttachInstancesInput } from "../../operations/__generated__/graphql";

/** A GraphQL response whose `data` has the document's result type. */
export interface GraphQLResult<TData> {
  data?: TData | null;
  errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs any generated document: the variables are checked against it, the result is typed by it. */
export async function execute<TData, TVariables>(
  url: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<GraphQLResult<TData>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query: print(document), variables }),
  });
  return (await response.json()) as GraphQLResult<TData>;
}

export async function attach(url: string, input: AttachInstancesInput): Promise<string> {
  const { data, errors } = await execute(url, AttachInstancesDocument, { input });
  const result = data?.attachInstances;
  if (!result) throw new Error(errors?.[0]?.message ?? "no result");
  // `__typename` narrows the union: each branch sees exactly its member's fields.
  switch (result.__typename) {
    case "AttachInstancesSuccess":
      return `started ${result.scalingActivityId} (clientToken ${result.clientToken})`;
    case "MaxSizeExceededError":
      return `${result.requested} more do not fit: ${result.totalCapacity} of ${result.maxSize} taken`;
    case "ScalingGroupNotFoundError":
      return `no group ${result.scalingGroupId} in ${result.regionId}`;
    default:
      return `${result.__typename} (${result.code}): ${result.message}`;
  }
}
