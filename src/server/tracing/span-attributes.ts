/**
 * Span attribute names the gateway sets. Stable OpenTelemetry names come from
 * `@opentelemetry/semantic-conventions`; the incubating ones (graphql.*, rpc.system/service) are
 * copied here, as that package's README advises, so an upgrade cannot rename them under us.
 * docs/operations.md lists them with their meaning.
 */
export {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_RPC_METHOD,
} from "@opentelemetry/semantic-conventions";

export const ATTR_GRAPHQL_OPERATION_NAME = "graphql.operation.name";
export const ATTR_GRAPHQL_OPERATION_TYPE = "graphql.operation.type";
export const ATTR_RPC_SYSTEM = "rpc.system";
export const ATTR_RPC_SERVICE = "rpc.service";

/** `rpc.system` of an Alibaba Cloud OpenAPI (POP) call. */
export const RPC_SYSTEM_ALIBABA_CLOUD = "alibaba_cloud_openapi";

// The gateway's own, namespaced as OpenTelemetry asks of non-standard attributes.
export const ATTR_CORRELATION_ID = "ess_gateway.correlation_id";
export const ATTR_OUTCOME = "ess_gateway.outcome";
export const ATTR_TYPED_ERRORS = "ess_gateway.typed_errors";
export const ATTR_UPSTREAM_ATTEMPTS = "ess_gateway.upstream.attempts";
export const ATTR_UPSTREAM_METHOD = "ess_gateway.upstream.method";
export const ATTR_BATCH_IDS = "ess_gateway.upstream.batch_ids";
export const ATTR_ATTEMPT = "ess_gateway.upstream.attempt";
export const ATTR_WILL_RETRY = "ess_gateway.upstream.will_retry";
export const ATTR_REQUEST_ID = "alibaba_cloud.request_id";
export const ATTR_FIELD = "graphql.field.name";
