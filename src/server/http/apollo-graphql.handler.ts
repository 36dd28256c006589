import type { ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from "@apollo/server";
import type { GatewayRequest, HttpHandler } from "./http.router";

/**
 * Hands a request to Apollo Server through its public integration API,
 * `executeHTTPGraphQLRequest`, and writes the answer on the node:http response: what an Apollo
 * integration (Express, the standalone server) does, without a framework in between. The body
 * must have been read already (`jsonBodyReader`).
 */
export function apolloGraphQLHandler<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  context: (request: GatewayRequest, response: ServerResponse) => Promise<TContext>,
): HttpHandler {
  apollo.assertStarted("apolloGraphQLHandler()");
  return async (request, response) => {
    const headers = new HeaderMap();
    for (const name in request.headers) {
      const value = request.headers[name];
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: request.method.toUpperCase(),
      headers,
      search: request.search,
      body: request.body,
    };
    const answer = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: () => context(request, response) });
    for (const [name, value] of answer.headers) response.setHeader(name, value);
    response.statusCode = answer.status ?? 200;
    if (answer.body.kind === "complete") {
      response.setHeader("Content-Length", Buffer.byteLength(answer.body.string));
      response.end(request.method === "HEAD" ? undefined : answer.body.string);
      return;
    }
    // Incremental delivery (`@defer`): each part as it comes.
    for await (const chunk of answer.body.asyncIterator) response.write(chunk);
    response.end();
  };
}
