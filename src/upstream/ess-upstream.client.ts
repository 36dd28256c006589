import { mapEcsInstance, mapSecurityGroup } from "./ecs-response.mapper";
import { mapLifecycleActions, mapLifecycleHook, mapRequestReceipt } from "./ess-lifecycle.mapper";
import {
  mapActivityReceipt,
  mapPage,
  mapScalingActivity,
  mapScalingConfiguration,
  mapScalingGroup,
  mapScalingInstance,
} from "./ess-response.mapper";
import { InFlightTracker } from "./in-flight.tracker";
import { ProductRpcClient, type RpcResult } from "./product-rpc.client";
import { RpcHttpTransport } from "./rpc-http.transport";
import { firstDbInstanceAttribute, mapDbInstance } from "./rds-response.mapper";
import { DEFAULT_RETRY_RUNTIME, type RetryContext, type RetryRuntime } from "./retry-policy";
import { assertIdLimit, compactParams, indexedParams, jsonArrayParam, type RpcQuery } from "./rpc-params.builder";
import { runSettled, settleWindowMs } from "./mutation-outcome.settler";
import { mapLoadBalancer } from "./slb-response.mapper";
import { validateUpstreamConfig, type UpstreamConfig } from "./upstream.config";
import { credentialSource } from "./upstream.credentials";
import { TransportErrorCode, UpstreamError } from "./upstream.error";
import type { UpstreamHooks, UpstreamProduct } from "./upstream.hooks";
import type { UpstreamCallScope } from "./upstream-call.scope";
import type {
  AttachInstancesCommand,
  CompleteLifecycleActionCommand,
  UpstreamLifecycleAction,
  UpstreamLifecycleHook,
  AttachInstancesOutcome,
  DetachInstancesCommand,
  DetachInstancesOutcome,
  EssUpstream,
  Page,
  UpstreamDbInstance,
  UpstreamEcsInstance,
  UpstreamLoadBalancer,
  UpstreamScalingActivity,
  UpstreamScalingConfiguration,
  UpstreamScalingGroup,
  UpstreamScalingInstance,
  UpstreamSecurityGroup,
} from "./upstream.types";
import { UPSTREAM_ID_LIMITS } from "./upstream-id.limits";
import type { WireObject } from "./wire-values.reader";
import { DEFAULT_LOAD_BALANCER_WEIGHT } from "../contract/wire-defaults.contract";
import { WIRE_ERRORS } from "../contract/wire-errors.contract";

/** ECS DescribeSecurityGroups pages hold at most 50 groups. */
const SECURITY_GROUP_PAGE_SIZE = 50;
/** ECS DescribeInstances `MaxResults` bounds: smaller values are raised to 10, larger lowered to 100. */
const ECS_MAX_RESULTS = { min: 10, max: 100 };

const READ: RetryContext = { retriesBusyGroup: false };
/** Mutations carry a ClientToken, so `ScalingActivityInProgress` may be waited out by retrying. */
const TOKENED_MUTATION: RetryContext = { retriesBusyGroup: true };

/** Test seams: deterministic randomness and sleeping for the retry backoff. */
export type UpstreamTestOverrides = Partial<RetryRuntime>;

/**
 * The typed client plus views of it that report their calls' attempts to hooks of their own
 * (`withHooks`). The gateway gives every GraphQL request such a view, so the attempts a request
 * causes are logged with its correlation id without any async context tracking.
 */
export interface ObservableEssUpstream extends EssUpstream {
  /**
   * A view of this client whose calls report every attempt to `hooks`, and only to them (not to
   * the hooks the client was created with). It shares everything else with the client: SDK
   * product clients, keep-alive sockets, time limits, retry policy, and lifetime (calling `close()` on
   * either closes both). Cheap: made per request.
   */
  withHooks(hooks: UpstreamHooks): ObservableEssUpstream;
  /**
   * The view one operation uses: like `withHooks`, and every attempt of its calls (retries and
   * pages included) is first admitted by `scope` (the operation's budget; nothing after its end).
   * A refused attempt is not sent: the call rejects with an `UpstreamCallRefusedError`.
   */
  forOperation(hooks: UpstreamHooks, scope: UpstreamCallScope): ObservableEssUpstream;
}

/** What one client and all its views share. */
class UpstreamCore {
  readonly clients: Record<UpstreamProduct, ProductRpcClient>;
  readonly config: UpstreamConfig;
  readonly retryRuntime: RetryRuntime;
  private readonly transport: RpcHttpTransport;
  private readonly inFlight = new InFlightTracker();
  private closing: Promise<void> | null = null;

  constructor(config: UpstreamConfig, retryRuntime: RetryRuntime) {
    this.config = config;
    this.retryRuntime = retryRuntime;
    const credentials = credentialSource(config.credentials, config.redactor);
    this.transport = new RpcHttpTransport(config.protocol);
    const client = (product: UpstreamProduct, endpoint: string) =>
      new ProductRpcClient({
        product,
        endpoint,
        config,
        credentials,
        retryRuntime,
        transport: this.transport,
      });
    this.clients = {
      Ess: client("Ess", config.endpoints.ess),
      Ecs: client("Ecs", config.endpoints.ecs),
      Slb: client("Slb", config.endpoints.slb),
      Rds: client("Rds", config.endpoints.rds),
    };
  }

  /** Waits for calls in flight, then releases the keep-alive sockets. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.inFlight.drain();
      this.transport.close();
    })();
    return this.closing;
  }

  /** Refuses calls after close(), and tracks calls in flight so close() can wait for them. */
  guard<T>(product: UpstreamProduct, action: string, run: () => Promise<T>): Promise<T> {
    if (this.closing) {
      return Promise.reject(
        new UpstreamError({
          code: TransportErrorCode.ClientClosed,
          httpStatus: null,
          requestId: null,
          message: `${product} ${action}: the upstream client is closed.`,
          retryable: false,
          product,
          action,
        }),
      );
    }
    return this.inFlight.track((async () => run())());
  }
}

class EssUpstreamClient implements ObservableEssUpstream {
  constructor(
    private readonly core: UpstreamCore,
    private readonly hooks: UpstreamHooks,
    private readonly scope?: UpstreamCallScope,
  ) {}

  withHooks(hooks: UpstreamHooks): ObservableEssUpstream {
    return new EssUpstreamClient(this.core, hooks);
  }

  forOperation(hooks: UpstreamHooks, scope: UpstreamCallScope): ObservableEssUpstream {
    return new EssUpstreamClient(this.core, hooks, scope);
  }

  attachInstances(command: AttachInstancesCommand): Promise<AttachInstancesOutcome> {
    return this.guard("Ess", "AttachInstances", async () => {
      assertIdLimit(command.instances, UPSTREAM_ID_LIMITS.essIdsPerCall, "InstanceId", "AttachInstances");
      assertClientToken(command.clientToken, "AttachInstances");
      const query: RpcQuery = {
        ...compactParams({
          RegionId: command.regionId,
          ScalingGroupId: command.scalingGroupId,
          Entrusted: command.entrusted,
          LifecycleHook: command.lifecycleHook,
          IgnoreInvalidInstance: command.ignoreInvalidInstance,
          ClientToken: command.clientToken,
        }),
        ...indexedParams(
          "InstanceId",
          command.instances.map((instance) => instance.instanceId),
        ),
        ...loadBalancerWeightParams(command.instances),
      };
      const receipt = await this.callTokenedMutation("AttachInstances", query);
      return { ...receipt, clientToken: command.clientToken };
    });
  }

  detachInstances(command: DetachInstancesCommand): Promise<DetachInstancesOutcome> {
    return this.guard("Ess", "DetachInstances", async () => {
      assertIdLimit(command.instanceIds, UPSTREAM_ID_LIMITS.essIdsPerCall, "InstanceId", "DetachInstances");
      assertClientToken(command.clientToken, "DetachInstances");
      const query: RpcQuery = {
        ...compactParams({
          RegionId: command.regionId,
          ScalingGroupId: command.scalingGroupId,
          DecreaseDesiredCapacity: command.decreaseDesiredCapacity,
          DetachOption: command.detachOption,
          LifecycleHook: command.lifecycleHook,
          IgnoreInvalidInstance: command.ignoreInvalidInstance,
          ClientToken: command.clientToken,
        }),
        ...indexedParams("InstanceId", command.instanceIds),
      };
      const receipt = await this.callTokenedMutation("DetachInstances", query);
      return { ...receipt, clientToken: command.clientToken };
    });
  }

  describeScalingGroups(query: Parameters<EssUpstream["describeScalingGroups"]>[0]): Promise<Page<UpstreamScalingGroup>> {
    return this.describeEssPage(
      "DescribeScalingGroups",
      { RegionId: query.regionId, ScalingGroupName: query.scalingGroupName, PageNumber: query.pageNumber, PageSize: query.pageSize },
      { parameter: "ScalingGroupId", values: query.scalingGroupIds },
      { plural: "ScalingGroups", singular: "ScalingGroup", map: mapScalingGroup },
    );
  }

  describeScalingInstances(query: Parameters<EssUpstream["describeScalingInstances"]>[0]): Promise<Page<UpstreamScalingInstance>> {
    return this.describeEssPage(
      "DescribeScalingInstances",
      {
        RegionId: query.regionId,
        ScalingGroupId: query.scalingGroupId,
        LifecycleState: query.lifecycleState,
        CreationType: query.creationType,
        PageNumber: query.pageNumber,
        PageSize: query.pageSize,
      },
      { parameter: "InstanceId", values: query.instanceIds },
      { plural: "ScalingInstances", singular: "ScalingInstance", map: mapScalingInstance },
    );
  }

  describeScalingActivities(query: Parameters<EssUpstream["describeScalingActivities"]>[0]): Promise<Page<UpstreamScalingActivity>> {
    return this.describeEssPage(
      "DescribeScalingActivities",
      {
        RegionId: query.regionId,
        ScalingGroupId: query.scalingGroupId,
        StatusCode: query.statusCode,
        PageNumber: query.pageNumber,
        PageSize: query.pageSize,
      },
      { parameter: "ScalingActivityId", values: query.scalingActivityIds },
      { plural: "ScalingActivities", singular: "ScalingActivity", map: mapScalingActivity },
    );
  }

  describeScalingConfigurations(
    query: Parameters<EssUpstream["describeScalingConfigurations"]>[0],
  ): Promise<Page<UpstreamScalingConfiguration>> {
    return this.describeEssPage(
      "DescribeScalingConfigurations",
      { RegionId: query.regionId, ScalingGroupId: query.scalingGroupId, PageNumber: query.pageNumber, PageSize: query.pageSize },
      { parameter: "ScalingConfigurationId", values: query.scalingConfigurationIds },
      { plural: "ScalingConfigurations", singular: "ScalingConfiguration", map: mapScalingConfiguration },
    );
  }

  describeInstances(
    query: Parameters<EssUpstream["describeInstances"]>[0],
  ): Promise<{ items: UpstreamEcsInstance[]; totalCount: number; nextToken: string | null }> {
    const action = "DescribeInstances";
    return this.guard("Ecs", action, async () => {
      assertIdLimit(query.instanceIds, UPSTREAM_ID_LIMITS.ecsIdsPerCall, "InstanceIds", action);
      // Asking for no IDs means "none", not "no filter": answer without a call.
      if (query.instanceIds.length === 0) return { items: [], totalCount: 0, nextToken: null };
      // By default ask for as many results as IDs, so one call returns every requested instance.
      const maxResults = query.maxResults ?? clamp(query.instanceIds.length, ECS_MAX_RESULTS.min, ECS_MAX_RESULTS.max);
      const params = compactParams({
        RegionId: query.regionId,
        InstanceIds: jsonArrayParam(query.instanceIds),
        MaxResults: maxResults,
        NextToken: query.nextToken,
      });
      return this.callAndMap("Ecs", action, params, (body) => {
        const page = mapPage(body, "Instances", "Instance", mapEcsInstance);
        const nextToken = typeof body.NextToken === "string" && body.NextToken !== "" ? body.NextToken : null;
        return { items: page.items, totalCount: page.totalCount, nextToken };
      });
    });
  }

  describeSecurityGroups(query: Parameters<EssUpstream["describeSecurityGroups"]>[0]): Promise<UpstreamSecurityGroup[]> {
    const action = "DescribeSecurityGroups";
    return this.guard("Ecs", action, async () => {
      assertIdLimit(query.securityGroupIds, UPSTREAM_ID_LIMITS.ecsIdsPerCall, "SecurityGroupIds", action);
      if (query.securityGroupIds.length === 0) return [];
      const groups: UpstreamSecurityGroup[] = [];
      // 100 IDs can span two pages of 50; the loop is bounded by the pages those IDs can fill.
      const maxPages = Math.ceil(query.securityGroupIds.length / SECURITY_GROUP_PAGE_SIZE);
      for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
        const params = compactParams({
          RegionId: query.regionId,
          SecurityGroupIds: jsonArrayParam(query.securityGroupIds),
          // Without it, EcsCount and AvailableInstanceAmount are not valid in the response.
          IsQueryEcsCount: true,
          PageNumber: pageNumber,
          PageSize: SECURITY_GROUP_PAGE_SIZE,
        });
        const page = await this.callAndMap("Ecs", action, params, (body) =>
          mapPage(body, "SecurityGroups", "SecurityGroup", mapSecurityGroup),
        );
        groups.push(...page.items);
        if (page.items.length < SECURITY_GROUP_PAGE_SIZE || groups.length >= page.totalCount) break;
      }
      return groups;
    });
  }

  describeLoadBalancerAttribute(query: { regionId: string; loadBalancerId: string }): Promise<UpstreamLoadBalancer> {
    const action = "DescribeLoadBalancerAttribute";
    return this.guard("Slb", action, () =>
      this.callAndMap("Slb", action, { RegionId: query.regionId, LoadBalancerId: query.loadBalancerId }, mapLoadBalancer),
    );
  }

  describeDbInstance(query: { regionId: string; dbInstanceId: string }): Promise<UpstreamDbInstance> {
    return this.guard("Rds", "DescribeDBInstanceAttribute", async () => {
      // RDS takes no RegionId on these actions; the endpoint decides the region.
      const params = { DBInstanceId: query.dbInstanceId };
      const [attributeResult, ipArrayResult] = await Promise.all([
        this.core.clients.Rds.call("DescribeDBInstanceAttribute", params, READ, this.hooks, this.scope),
        this.core.clients.Rds.call("DescribeDBInstanceIPArrayList", params, READ, this.hooks, this.scope),
      ]);
      const attribute = firstDbInstanceAttribute(attributeResult.body);
      if (attribute === null) {
        throw new UpstreamError({
          code: WIRE_ERRORS.dbInstanceNotFound.code,
          httpStatus: null,
          requestId: attributeResult.requestId,
          message: `The DB instance ${JSON.stringify(query.dbInstanceId)} does not exist.`,
          retryable: false,
          product: "Rds",
          action: "DescribeDBInstanceAttribute",
        });
      }
      return ProductRpcClient.mapBody("Rds", "DescribeDBInstanceAttribute", attributeResult, () =>
        mapDbInstance(attribute, ipArrayResult.body),
      );
    });
  }

  describeLifecycleHooks(query: Parameters<EssUpstream["describeLifecycleHooks"]>[0]): Promise<Page<UpstreamLifecycleHook>> {
    return this.describeEssPage(
      "DescribeLifecycleHooks",
      { RegionId: query.regionId, ScalingGroupId: query.scalingGroupId, PageNumber: query.pageNumber, PageSize: query.pageSize },
      { parameter: "LifecycleHookId", values: query.lifecycleHookIds },
      { plural: "LifecycleHooks", singular: "LifecycleHook", map: mapLifecycleHook },
    );
  }

  describeLifecycleActions(query: { regionId: string; scalingActivityId: string }): Promise<UpstreamLifecycleAction[]> {
    const action = "DescribeLifecycleActions";
    return this.guard("Ess", action, () =>
      // A group has at most 6 hooks, so one page of 50 holds every action of an activity.
      this.callAndMap(
        "Ess",
        action,
        compactParams({ RegionId: query.regionId, ScalingActivityId: query.scalingActivityId, MaxResults: 50 }),
        mapLifecycleActions,
      ),
    );
  }

  completeLifecycleAction(command: CompleteLifecycleActionCommand): Promise<{ requestId: string }> {
    const action = "CompleteLifecycleAction";
    return this.guard("Ess", action, async () => {
      assertClientToken(command.clientToken, action);
      const params = compactParams({
        RegionId: command.regionId,
        LifecycleHookId: command.lifecycleHookId,
        LifecycleActionToken: command.lifecycleActionToken,
        LifecycleActionResult: command.result,
        ClientToken: command.clientToken,
      });
      return this.callAndMap("Ess", action, params, mapRequestReceipt);
    });
  }

  /** Waits for calls in flight, then releases this client's keep-alive sockets. Idempotent. */
  close(): Promise<void> {
    return this.core.close();
  }

  /**
   * One page of an ESS Describe* list: `filters` as given, the optional ID filter as `Name.N`
   * (at most 20 IDs per call), the body's `Plural.Singular[]` mapped with `list.map`.
   */
  private describeEssPage<T>(
    action: string,
    filters: Record<string, string | number | undefined>,
    ids: { parameter: string; values: readonly string[] | undefined },
    list: { plural: string; singular: string; map: (item: WireObject, where: string) => T },
  ): Promise<Page<T>> {
    return this.guard("Ess", action, () => {
      const values = ids.values ?? [];
      assertIdLimit(values, UPSTREAM_ID_LIMITS.essIdsPerCall, ids.parameter, action);
      const params = { ...compactParams(filters), ...indexedParams(ids.parameter, values) };
      return this.callAndMap("Ess", action, params, (body) => mapPage(body, list.plural, list.singular, list.map));
    });
  }

  /**
   * An ESS mutation carrying a ClientToken: retried like any call, then, when the retries end with
   * its outcome open, settled by replaying it with the same token (src/upstream/mutation-outcome.settler.ts).
   */
  private callTokenedMutation(action: string, query: RpcQuery): Promise<{ requestId: string; scalingActivityId: string }> {
    const { retry } = this.core.config;
    return runSettled(
      (hooks, maxAttempts) => this.core.clients.Ess.call(action, query, { ...TOKENED_MUTATION, maxAttempts }, hooks, this.scope),
      (result) => ProductRpcClient.mapBody("Ess", action, result, mapActivityReceipt),
      {
        product: "Ess",
        action,
        retry,
        settleMs: settleWindowMs(retry),
        runtime: this.core.retryRuntime,
        hooks: this.hooks,
        signal: this.scope?.signal,
      },
    );
  }

  private async callAndMap<T>(
    product: UpstreamProduct,
    action: string,
    query: RpcQuery,
    map: (body: WireObject) => T,
    context: RetryContext = READ,
  ): Promise<T> {
    const result: RpcResult = await this.core.clients[product].call(action, query, context, this.hooks, this.scope);
    return ProductRpcClient.mapBody(product, action, result, map);
  }

  private guard<T>(product: UpstreamProduct, action: string, run: () => Promise<T>): Promise<T> {
    return this.core.guard(product, action, run);
  }
}

function assertClientToken(clientToken: string, action: string): void {
  if (typeof clientToken !== "string" || clientToken === "") {
    throw new RangeError(`${action} needs a ClientToken: it is what makes a retried call safe.`);
  }
}

/**
 * `LoadBalancerWeight.N` is the weight of `InstanceId.N`. When no instance has a weight nothing is
 * sent; when some have, every index is sent (the others with the API default, 50), so the list
 * has no gaps for the API to misread.
 */
function loadBalancerWeightParams(instances: AttachInstancesCommand["instances"]): RpcQuery {
  if (instances.every((instance) => instance.loadBalancerWeight === undefined)) return {};
  return indexedParams(
    "LoadBalancerWeight",
    instances.map((instance) => instance.loadBalancerWeight ?? DEFAULT_LOAD_BALANCER_WEIGHT),
  );
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/**
 * Creates the typed client the GraphQL layer uses: requests signed with `@alicloud/openapi-util`
 * and sent through the client's own keep-alive agent (sockets reused across calls and products,
 * destroyed by `close()`).
 *
 * Every method resolves with plain records or rejects with an `UpstreamError` (retries already
 * used up). The one exception is a caller bug: more IDs than the API takes per call (20 for ESS,
 * 100 for ECS) or a missing ClientToken rejects with a `RangeError`, because the loaders are
 * supposed to batch and the resolvers to supply a token.
 *
 * @param config validated here; an invalid one throws `UpstreamConfigError`.
 * @param hooks optional observers, called once per HTTP attempt (see `UpstreamCallEvent`); a view
 *   made with `withHooks` reports to its own hooks instead.
 * @param overrides test seams for the retry backoff's randomness and sleep.
 *
 * @example
 * const upstream = createEssUpstream({
 *   regionId: "cn-hangzhou", endpoints: defaultEndpoints("cn-hangzhou"), protocol: "https",
 *   credentials: { kind: "defaultChain" }, signatureVersion: "v3",
 *   ...DEFAULT_UPSTREAM_TIMEOUTS, retry: DEFAULT_UPSTREAM_RETRY,
 * }, { onCall: (event) => logger.debug(event) });
 */
export function createEssUpstream(
  config: UpstreamConfig,
  hooks: UpstreamHooks = {},
  overrides: UpstreamTestOverrides = {},
): ObservableEssUpstream {
  validateUpstreamConfig(config);
  return new EssUpstreamClient(new UpstreamCore(config, { ...DEFAULT_RETRY_RUNTIME, ...overrides }), hooks);
}
