import diagnosticsChannel from "node:diagnostics_channel";
import type { ApolloServerPlugin } from "@apollo/server";
import { UNKNOWN_PROVIDER_VALUE_CHANNEL, type UnknownProviderValue } from "../../graphql/common/provider-enum.mapper";
import type { ServerContext } from "../server.context";
import type { Logger } from "../../shared/logging/logger.types";

/** Distinct unknown values remembered, so that each is logged once (bounded: a hostile upstream cannot grow it). */
const MAX_REMEMBERED = 256;
/** Longest part of a raw value written to the log. */
const MAX_LOGGED_VALUE = 100;

/**
 * Logs a warning the first time the upstream sends each enum value the gateway does not know (a
 * new ESS lifecycle state, say), which the API answers as `UNKNOWN` with the value in the `…Raw`
 * field (src/graphql/common/provider-enum.mapper.ts). Listens while the server runs. The channel is
 * per process, so with several gateways in one process each logs it.
 */
export function unknownProviderValuePlugin(logger: Logger): ApolloServerPlugin<ServerContext> {
  const seen = new Set<string>();
  const onValue = (message: unknown): void => {
    const { what, value } = message as UnknownProviderValue;
    const key = `${what}\u0000${value}`;
    if (seen.has(key)) return;
    if (seen.size < MAX_REMEMBERED) seen.add(key);
    logger.warn("upstream sent a value this gateway does not know; answered as UNKNOWN", { what, value: value.slice(0, MAX_LOGGED_VALUE) });
  };
  return {
    async serverWillStart() {
      diagnosticsChannel.subscribe(UNKNOWN_PROVIDER_VALUE_CHANNEL, onValue);
      return {
        async serverWillStop() {
          diagnosticsChannel.unsubscribe(UNKNOWN_PROVIDER_VALUE_CHANNEL, onValue);
        },
      };
    },
  };
}
