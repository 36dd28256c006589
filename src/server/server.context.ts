import type { ContextDependencies, GatewayContext } from "../graphql/gateway.context";
import type { RequestTelemetry } from "./telemetry/request-telemetry";

/** The GraphQL context as the server builds it: its telemetry is the server's, with spans and metrics. */
export type ServerContext = GatewayContext<RequestTelemetry>;

export type ServerContextDependencies = ContextDependencies<RequestTelemetry>;
