import { mkdirSync } from "node:fs";
import { UnknownProviderValueLog } from "../graphql/common/unknown-provider-value.log";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { startEmulator } from "../emulator/emulator";
import type { RunningEmulator, StartEmulatorOptions } from "../emulator/emulator-core.types";
import { loadDemoWorld } from "../emulator/world/demo-world";
import { loadWorldFile } from "../emulator/world/world.load";
import type { WorldFile } from "../emulator/world/world.types";
import { buildGatewaySchema } from "../graphql/schema";
import { createEssUpstream, type UpstreamTestOverrides } from "../upstream/ess-upstream.client";
import { maxSettleReplays } from "../upstream/mutation-outcome.settler";
import type { UpstreamConfig, UpstreamCredentials } from "../upstream/upstream.config";
import type { UpstreamHooks } from "../upstream/upstream.hooks";
import type { EssUpstream } from "../upstream/upstream.types";
import { verifyCredentials } from "../upstream/upstream.credentials";
import { CredentialsUnavailableError } from "../upstream/credentials-unavailable.error";
import { createGatewayApollo } from "./apollo-server";
import { createApp, GRAPHQL_PATH } from "./app";
import type { HttpRoutes } from "./http/http.router";
import type { ServerContextDependencies } from "./server.context";
import type { GatewayConfig } from "./config/gateway.config";
import { ConfigError } from "./config/config.errors";
import { GATEWAY_SETTINGS } from "./config/gateway-config.parser";
import { createLogger, type GatewayLogger, type LogSink } from "./logging/logger";
import { createSecretRedactor } from "../shared/redaction/secret-redactor";
import type { Logger } from "../shared/logging/logger.types";
import { upstreamCallLogHooks } from "./logging/upstream-call-log.hooks";
import { createHttpFeatures } from "./http/http-features";
import { ANY_HOST, defaultAllowedHosts } from "./http/host-allow-list";
import { DEFAULT_SUBSCRIPTION_CAPS } from "./http/subscription-caps";
import { createCallerRateLimits } from "./rate-limit/caller-rate-limits";
import { DEFAULT_RATE_LIMITS } from "./rate-limit/rate-limit.config";
import { readHttpSettings } from "./http/http.config";
import { defaultOperationLimits } from "./limits/operation-limits.config";
import { createOperationLimits } from "./limits/operation-limits";
import { redisUrlPassword } from "./redis/redis-url";
import { accountIdentity, startSharedState } from "./redis/shared-state";
import { createAccessRuntime } from "./access/access.runtime";
import { assertSecureDefaults } from "./auth/access.config";
import { openAuditTrail } from "./audit/audit.trail";
import { loadCredentialProfiles } from "./access/credential-profiles.parser";
import { DEFAULT_PROFILE } from "../graphql/access/access-policy.types";
import type { GatewayMetrics } from "./metrics/gateway-metrics";
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, drainGracePeriodMs } from "./shutdown/graceful-shutdown";
import { metricsTokenOf, startGatewayTelemetry, TELEMETRY_OFF } from "./telemetry/gateway-telemetry";
import { instrumentRootFields } from "./telemetry/root-field.instrumentation";

/** Programmatic extras that have no environment variable (tests, embedding). */
export interface StartGatewayOptions {
  /** Where log lines go. Default: stdout. */
  logSink?: LogSink;
  /** Emulator mode only: extra emulator options, e.g. `{ faultSeed: 7, admin: true }` or a world object. */
  emulator?: Pick<StartEmulatorOptions, "faultSeed" | "admin" | "world">;
  /** Test seams for the upstream client's retry backoff (randomness, sleep). */
  upstreamOverrides?: UpstreamTestOverrides;
  /** Adds routes and middleware before `/graphql` (see `createApp`). */
  extendApp?: (app: HttpRoutes) => void;
  /**
   * Test seam: false skips the pre-execution upstream estimate, so that the budget enforced where
   * calls are made can be exercised on its own. Default true.
   */
  estimateUpstreamCalls?: boolean;
  /**
   * The environment, read only for what a profile names by variable (`accessKeySecretEnv`, …) and
   * for NODE_ENV when `config.limits` is absent. The entry point passes `process.env`. Default: none.
   */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Where the upstream client points, for the start-up banner. */
type UpstreamDescription =
  | {
      kind: "emulator";
      url: string;
      dbPath: string;
      world: string;
      regionId: string;
      /** A scaling group of the gateway's account in `regionId`, for the banner's example query. */
      exampleScalingGroupId: string | null;
    }
  | {
      kind: "aliyun";
      regionId: string;
      endpoints: UpstreamConfig["endpoints"];
      credentials: UpstreamConfig["credentials"]["kind"];
      signatureVersion: "v3" | "v1";
    };

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** The GraphiQL IDE, e.g. `http://127.0.0.1:4000/ide/`; null when it is turned off (docs/ide.md). */
  ideUrl: string | null;
  /** Set in emulator mode: the embedded emulator (its `control` drives time and faults in tests). */
  emulator?: RunningEmulator;
  /** The upstream client the resolvers use. */
  upstream: EssUpstream;
  upstreamDescription: UpstreamDescription;
  /** The Redis shared with other replicas, its password redacted; null: one process, nothing shared. */
  sharedRedis: string | null;
  logger: GatewayLogger;
  /** Whether callers must authenticate (docs/security.md); false: anonymous, loopback only. */
  authenticationEnabled: boolean;
  /** Whether the public demo API key works (emulator mode with examples/access/): the banner prints it. */
  demoApiKeyActive(): boolean;
  /** Re-reads the policy and API keys files (SIGHUP). Throws `ConfigError` naming the bad field, keeping the running ones. */
  reloadAccess(): void;
  /** Where `/metrics` is served, or null when metrics are off (docs/operations.md). */
  metricsUrl: string | null;
  /** The gateway's metrics (null when off): other parts register gauges and the document cache here. */
  metrics: GatewayMetrics | null;
  /** Stops accepting requests, drains in-flight ones, closes the upstream client and the emulator. Idempotent. */
  close(): Promise<void>;
}

/**
 * Starts the gateway: the upstream (the embedded emulator in emulator mode), the upstream client,
 * Apollo Server at `/graphql` over node:http, listening on `config.host:config.port`. Everything
 * started so far is closed again if a later step fails.
 */
export async function startGateway(config: GatewayConfig, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  assertSecureDefaults(config.access, config.host);
  const profiles = config.access?.profilesFile ? loadCredentialProfiles(config.access.profilesFile, options.env ?? {}) : [];
  // One redactor for the logger, the upstream clients (which teach it their rotating keys) and /readyz.
  const redactor = createSecretRedactor([
    ...(config.upstream.kind === "aliyun" && config.upstream.connection.credentials.kind === "accessKey"
      ? [config.upstream.connection.credentials.accessKeySecret, config.upstream.connection.credentials.securityToken ?? ""]
      : []),
    ...profiles.flatMap((profile) => staticSecretsOf(profile.credentials)),
    ...metricsTokenOf(config.telemetry),
    ...(config.redis === undefined ? [] : [redisUrlPassword(config.redis.url)]),
  ]);
  const logger = createLogger({ sink: options.logSink, level: config.logLevel, redactor });
  const cleanups: Array<() => Promise<void>> = [];
  const closeAll = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => logger.error("error while closing", { error }));
    }
  };

  try {
    // The port is taken first: a taken port fails in one clean line before anything else starts
    // (and before graphql-ws, which prints the server's listen error with a stack, is attached).
    const httpServer = http.createServer(answerWhileStarting);
    await listen(httpServer, config.port, config.host);
    cleanups.push(() => closeServer(httpServer));

    const started = await startUpstreamTarget(config, options, logger);
    const target = { ...started, upstreamConfig: { ...started.upstreamConfig, redactor } };
    if (target.emulator) cleanups.push(() => target.emulator!.close());

    // Closed after Apollo's drain (cleanups run in reverse), so the drained requests' spans are exported.
    const telemetry = await startGatewayTelemetry(config.telemetry ?? TELEMETRY_OFF, config.allowedHosts ?? []);
    cleanups.push(() => telemetry.close());
    // The client's own hooks see the calls made outside any operation (readiness, shared pollers).
    const upstream = createEssUpstream(
      target.upstreamConfig,
      telemetry.processHooks(upstreamCallLogHooks(logger)),
      options.upstreamOverrides,
    );
    cleanups.push(() => upstream.close());
    await checkCredentials(target.upstreamConfig);
    // One upstream client per credential profile (docs/security.md "Profiles"); `default` is the gateway's own.
    const upstreams = new Map([[DEFAULT_PROFILE, upstream]]);
    const accounts = new Map([[DEFAULT_PROFILE, target.accountId ?? null]]);
    for (const profile of profiles) {
      // Same endpoints, region and client settings; the profile's own credentials, client and caches.
      const profileUpstream = createEssUpstream(
        { ...target.upstreamConfig, credentials: profile.credentials },
        telemetry.processHooks(upstreamCallLogHooks(logger)),
        options.upstreamOverrides,
      );
      cleanups.push(() => profileUpstream.close());
      upstreams.set(profile.name, profileUpstream);
      accounts.set(profile.name, profile.accountId);
    }
    const access = createAccessRuntime(config.access, new Set(upstreams.keys()), { emulator: target.emulator !== undefined });
    // Without access settings (embedding, tests) audit records go to the log.
    const audit = await openAuditTrail(config.access?.audit ?? { sink: "log" }, logger);
    cleanups.push(() => audit.close());

    // With Redis, rate limits, persisted queries and activity pollers are shared by the replicas (docs/scaling.md).
    const identities = new Map<EssUpstream, string>([[upstream, accountIdentity(DEFAULT_PROFILE, target.upstreamConfig)]]);
    for (const profile of profiles)
      identities.set(
        upstreams.get(profile.name)!,
        accountIdentity(profile.name, { ...target.upstreamConfig, credentials: profile.credentials }),
      );
    const sharedState =
      config.redis === undefined
        ? undefined
        : startSharedState(config.redis, logger, (client) => {
            const identity = identities.get(client);
            // Every client the pollers get is one of the profiles' (`upstreamOfProfile`); anything else is a bug.
            if (identity === undefined) throw new Error("An activity watch was given an upstream client of no credential profile.");
            return identity;
          });
    if (sharedState !== undefined) {
      cleanups.push(() => sharedState.close());
      telemetry.metrics?.observeSharedRedis({
        up: () => sharedState.redis().status === "up",
        failures: () => sharedState.redis().failures,
      });
    }
    const rateLimitSettings = config.rateLimits ?? DEFAULT_RATE_LIMITS;
    const rateLimits = createCallerRateLimits(rateLimitSettings, sharedState?.rateLimitStores);
    const schema = await buildGatewaySchema();
    instrumentRootFields(schema);
    const operationLimits = config.limits ?? defaultOperationLimits(options.env?.NODE_ENV);
    const dependencies: ServerContextDependencies = {
      upstream,
      logger,
      regionIds: target.regionIds,
      // Each operation's upstream attempts go to the client of its credential profile, are logged
      // with its correlation id, count against its budget and its caller's allowance, and are
      // measured and traced.
      upstreamForRequest: (requestLogger, { profile, caller, scope, telemetry: requestTelemetry }) => {
        const hooks =
          caller === undefined
            ? upstreamCallLogHooks(requestLogger)
            : rateLimits.countingUpstreamCalls(caller, upstreamCallLogHooks(requestLogger));
        const client = upstreams.get(profile) ?? upstream;
        const view = (viewHooks: UpstreamHooks) => client.forOperation(viewHooks, scope);
        return requestTelemetry === undefined ? view(hooks) : requestTelemetry.upstreamView(view, hooks);
      },
      maxUpstreamCalls: operationLimits.maxUpstreamCalls,
      telemetry,
      accessFor: access.accessFor,
      audit,
      accountOf: (profile) => accounts.get(profile) ?? null,
      unknownValues: new UnknownProviderValueLog(),
    };
    // Depth, alias, cost, token, fan-out and upstream-call limits, for HTTP and the socket alike (docs/limits.md).
    const limits = createOperationLimits(operationLimits, {
      maxAttempts: target.upstreamConfig.retry.maxAttempts,
      regionCount: target.regionIds.length,
      settleReplays: maxSettleReplays(target.upstreamConfig.retry),
      accessPolicy: access.enabled,
      enabled: options.estimateUpstreamCalls ?? true,
    });
    // CORS, health, the IDE, APQ and subscriptions (docs/http.md).
    const httpFeatures = createHttpFeatures({
      activityObserver: telemetry.metrics ?? undefined,
      settings: config.http ?? readHttpSettings({}),
      httpServer,
      graphqlPath: GRAPHQL_PATH,
      schema,
      dependencies,
      redactor,
      formatError: limits.formatError,
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      refuseOperation: limits.refuseOperation,
      maxDocumentBytes: limits.limits.maxDocumentBytes,
      allowedHosts: config.allowedHosts?.includes(ANY_HOST)
        ? [ANY_HOST]
        : [...defaultAllowedHosts(config.host), ...(config.allowedHosts ?? [])],
      rateLimits,
      subscriptionCaps: config.subscriptionCaps ?? DEFAULT_SUBSCRIPTION_CAPS,
      sharedState,
      readinessCheck: () => upstream.describeScalingGroups({ regionId: target.upstreamConfig.regionId, pageSize: 1 }),
      upstreamLabel:
        target.description.kind === "emulator" ? "embedded emulator" : `Alibaba Cloud ESS at ${target.description.endpoints.ess}`,
      access: access.enabled ? access : undefined,
      upstreamOfProfile: (profile) => upstreams.get(profile) ?? upstream,
    });
    const apollo = createGatewayApollo({
      schema,
      httpServer,
      plugins: [...httpFeatures.apollo.plugins, telemetry.apolloPlugin()],
      drainGracePeriodMs: drainGracePeriodMs(config.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS),
      persistedQueries: httpFeatures.apollo.persistedQueries,
      // Its document cache's size and hit counts on /metrics.
      limits: { ...limits, documentStore: telemetry.observedDocumentStore(limits.documentStore) },
      logger,
    });
    await apollo.start();
    cleanups.push(() => apollo.stop());

    const extend = (app: HttpRoutes): void => {
      telemetry.extendApp(app);
      httpFeatures.extendApp(app);
      options.extendApp?.(app);
    };
    httpServer.off("request", answerWhileStarting);
    httpServer.on("request", createApp({ apollo, dependencies, extend, guards: httpFeatures.graphqlGuards }));
    const address = httpServer.address() as AddressInfo;
    const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
    const url = `http://${urlHost}:${address.port}${GRAPHQL_PATH}`;
    const metricsUrl = telemetry.metricsUrl(url);
    logger.info("gateway listening", {
      url,
      metricsUrl,
      upstream: target.description,
      sharedState: sharedState === undefined ? "none (one process)" : { redis: sharedState.redis().url, replica: sharedState.replicaId },
    });

    let closing: Promise<void> | undefined;
    return {
      url,
      ideUrl: httpFeatures.idePath === null ? null : new URL(httpFeatures.idePath, url).href,
      emulator: target.emulator,
      upstream,
      upstreamDescription: target.description,
      sharedRedis: sharedState?.redis().url ?? null,
      logger,
      authenticationEnabled: access.enabled,
      demoApiKeyActive: () => access.demoKeyActive(),
      reloadAccess: () => access.reload(),
      metricsUrl,
      metrics: telemetry.metrics,
      close: () => {
        httpFeatures.readiness.markShuttingDown();
        return (closing ??= closeAll().then(() => logger.info("gateway stopped")));
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

interface UpstreamTarget {
  upstreamConfig: UpstreamConfig;
  /** The regions the upstream serves (the attach preflight looks for misplaced instances there). */
  regionIds: readonly string[];
  description: UpstreamDescription;
  emulator?: RunningEmulator;
  /** The account the gateway's own credentials act in, when known (the emulator's first account). */
  accountId?: string;
}

async function startUpstreamTarget(config: GatewayConfig, options: StartGatewayOptions, logger: Logger): Promise<UpstreamTarget> {
  const upstream = config.upstream;
  if (upstream.kind === "aliyun") {
    const { connection, client } = upstream;
    return {
      upstreamConfig: { ...connection, ...client },
      regionIds: upstream.regionIds ?? [connection.regionId],
      description: {
        kind: "aliyun",
        regionId: connection.regionId,
        endpoints: connection.endpoints,
        credentials: connection.credentials.kind,
        signatureVersion: client.signatureVersion,
      },
    };
  }

  const world: WorldFile =
    typeof options.emulator?.world === "object"
      ? options.emulator.world
      : loadWorld(typeof options.emulator?.world === "string" ? options.emulator.world : upstream.worldPath);
  const account = world.accounts[0];
  const accessKey = account?.accessKeys[0];
  const regionId = world.regions[0]?.regionId;
  if (accessKey === undefined || regionId === undefined) {
    throw new Error("The emulator's world needs at least one region and one account with an AccessKey for the gateway to use.");
  }
  if (upstream.dbPath !== ":memory:") mkdirSync(path.dirname(path.resolve(upstream.dbPath)), { recursive: true });
  const emulator = await startEmulator({
    host: "127.0.0.1",
    port: 0,
    world,
    dbPath: upstream.dbPath,
    activity: upstream.activity,
    faultSeed: options.emulator?.faultSeed,
    admin: options.emulator?.admin,
    log: (line) => logger.debug("emulator", { line }),
  });
  // A database with state keeps it over the world given now (docs/emulator.md): signing with a key
  // of this world would fail on every call, so say so at start-up instead.
  if (!emulator.knowsAccessKey(accessKey.accessKeyId)) {
    await emulator.close();
    throw new Error(
      `${upstream.dbPath} holds the state of another world than ${worldLabel(options.emulator?.world, upstream.worldPath)} (the emulator keeps saved state over the world file, and that world's AccessKey is not in it). Start fresh with --emulator-db :memory:, use another --emulator-db path, or delete ${upstream.dbPath}.`,
    );
  }
  const hostPort = `${emulator.host}:${emulator.port}`;
  return {
    emulator,
    accountId: account.accountId,
    regionIds: world.regions.map((region) => region.regionId),
    upstreamConfig: {
      regionId,
      endpoints: { ess: hostPort, ecs: hostPort, slb: hostPort, rds: hostPort },
      protocol: "http",
      credentials: {
        kind: "accessKey",
        accessKeyId: accessKey.accessKeyId,
        accessKeySecret: accessKey.accessKeySecret,
        ...(accessKey.securityToken === undefined ? {} : { securityToken: accessKey.securityToken }),
      },
      ...upstream.client,
    },
    description: {
      kind: "emulator",
      url: emulator.url,
      dbPath: upstream.dbPath,
      world: worldLabel(options.emulator?.world, upstream.worldPath),
      regionId,
      exampleScalingGroupId: account.resources.scalingGroups?.find((group) => group.regionId === regionId)?.scalingGroupId ?? null,
    },
  };
}

function worldLabel(fromOptions: WorldFile | string | undefined, worldPath: string | undefined): string {
  if (typeof fromOptions === "object") return "a world given programmatically";
  return fromOptions ?? worldPath ?? "the demo world";
}

function loadWorld(worldPath: string | undefined): WorldFile {
  return worldPath === undefined ? loadDemoWorld() : loadWorldFile(worldPath);
}

/** The secrets written in a profile (rotating STS keys are registered by the credentials module as they come). */
function staticSecretsOf(credentials: UpstreamCredentials): string[] {
  switch (credentials.kind) {
    case "accessKey":
      return [credentials.accessKeySecret, credentials.securityToken ?? ""];
    case "ramRoleArn":
      return [credentials.source.accessKeySecret, credentials.source.securityToken ?? ""];
    default:
      return [];
  }
}

/** Requests that arrive between taking the port and the app being ready. */
function answerWhileStarting(_req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(503, { "content-type": "application/json; charset=utf-8", "retry-after": "1" });
  res.end(
    JSON.stringify({ errors: [{ message: "The gateway is starting; retry in a moment.", extensions: { code: "SERVICE_UNAVAILABLE" } }] }),
  );
}

/**
 * Resolves the default credential chain once, so a gateway without credentials stops at start-up
 * (exit 2, like any bad setting) instead of printing "running" and failing every call.
 */
async function checkCredentials(upstreamConfig: UpstreamConfig): Promise<void> {
  if (upstreamConfig.credentials.kind !== "defaultChain") return;
  try {
    await verifyCredentials(upstreamConfig.credentials, upstreamConfig.redactor);
  } catch (error) {
    if (!(error instanceof CredentialsUnavailableError)) throw error;
    throw new ConfigError(
      "credentials",
      `${error.safeDetail}. Set ${GATEWAY_SETTINGS.accessKeyId.env} and ${GATEWAY_SETTINGS.accessKeySecret.env}, or provide one of those sources (docs/configuration.md).`,
    );
  }
}

/** Why `listen` failed, in words that say which setting to change; other codes keep Node's message. */
const LISTEN_FAILURES: Readonly<Record<string, (port: number, host: string) => string>> = {
  EADDRINUSE: (port, host) =>
    `port ${port} on ${host} is already in use; choose another with ${GATEWAY_SETTINGS.port.env}=<port> or --${GATEWAY_SETTINGS.port.flag} <port> (0 picks a free one).`,
  EACCES: (port, host) =>
    `no permission to listen on port ${port} on ${host}; choose a port above 1023 with ${GATEWAY_SETTINGS.port.env}=<port> or --${GATEWAY_SETTINGS.port.flag} <port>.`,
  EADDRNOTAVAIL: (_port, host) =>
    `${host} is not an address of this machine; choose another with ${GATEWAY_SETTINGS.host.env}=<address> or --${GATEWAY_SETTINGS.host.flag} <address>.`,
};

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const explain = error.code === undefined ? undefined : LISTEN_FAILURES[error.code];
      reject(explain === undefined ? error : new Error(explain(port, host)));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/** Closes the server if it still listens (Apollo's drain plugin may have closed it already). */
function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
}
