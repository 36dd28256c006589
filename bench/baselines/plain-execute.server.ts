/**
 * Baseline for bench/run.ts (`npm run bench`): the gateway's own schema (`buildGatewaySchema`) and
 * request context (`createContext`, over the same upstream client the gateway builds), served by
 * bare `node:http` + graphql-js: parse and validate once per distinct document (a Map), then
 * `execute()`, JSON out. What the gateway adds on top (Express, Apollo, CORS, limits, rate limits,
 * telemetry, request logging) is what the bench table's gateway/plain ratio measures.
 *
 * Started as a child process with the gateway's environment (`gatewayEnvOver`, read by the
 * gateway's own parser); prints `plain-execute server listening on http://…`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { execute, parse, validate, type DocumentNode, type GraphQLError } from "graphql";
import { buildGatewaySchema } from "../../src/graphql/schema";
import { createEssUpstream } from "../../src/upstream/ess-upstream.client";
import { createContext, type ContextDependencies } from "../../src/graphql/gateway.context";
import { correlationIdOf } from "../../src/server/http/correlation-id";
import { parseGatewayCommand } from "../../src/server/config/gateway-config.parser";
import { createLogger } from "../../src/server/logging/logger";
import { upstreamCallLogHooks } from "../../src/server/logging/upstream-call-log.hooks";

async function main(): Promise<void> {
  const command = parseGatewayCommand(process.env, []);
  if (command.kind !== "start" || command.config.upstream.kind !== "aliyun") {
    throw new Error("plain-execute server: needs the gateway's Alibaba Cloud mode settings (gatewayEnvOver)");
  }
  const settings = command.config.upstream;
  const upstreamConfig = { ...settings.connection, ...settings.client };
  const logger = createLogger({ level: command.config.logLevel });
  const upstream = createEssUpstream(upstreamConfig, upstreamCallLogHooks(logger));
  const schema = await buildGatewaySchema();
  // As the gateway's: each request's attempts logged with its correlation id, within its own scope.
  const dependencies: ContextDependencies = {
    upstream,
    logger,
    regionIds: settings.regionIds ?? [settings.connection.regionId],
    upstreamForRequest: (requestLogger, { scope }) => upstream.forOperation(upstreamCallLogHooks(requestLogger), scope),
  };

  const documents = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();
  const documentOf = (source: string) => {
    let entry = documents.get(source);
    if (entry === undefined) {
      try {
        const document = parse(source);
        const errors = validate(schema, document);
        entry = errors.length > 0 ? { errors } : { document };
      } catch (error) {
        entry = { errors: [error as GraphQLError] };
      }
      documents.set(source, entry);
    }
    return entry;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const answer = (status: number, payload: unknown) => {
        const text = JSON.stringify(payload);
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
        res.end(text);
      };
      let body: { query?: string; variables?: Record<string, unknown>; operationName?: string };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        answer(400, { errors: [{ message: "body is not JSON" }] });
        return;
      }
      const entry = documentOf(body.query ?? "");
      if ("errors" in entry) {
        answer(400, { errors: entry.errors });
        return;
      }
      const contextValue = createContext(
        dependencies,
        correlationIdOf(req.headers),
        { principal: undefined, clientAddress: req.socket.remoteAddress },
        req.headers,
      );
      Promise.resolve(
        execute({ schema, document: entry.document, variableValues: body.variables, operationName: body.operationName, contextValue }),
      )
        .then(
          (result) => answer(200, result),
          (error: unknown) => answer(500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }),
        )
        .finally(() => contextValue.upstreamCalls.end());
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, "127.0.0.1", () => {
    process.stdout.write(`plain-execute server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);
  });
  process.on("SIGTERM", () => server.close(() => void upstream.close().then(() => process.exit(0))));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
