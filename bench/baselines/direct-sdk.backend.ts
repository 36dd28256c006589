/**
 * Baseline for bench/run.ts (`npm run bench`): the backend a frontend team might write instead of the
 * gateway. A bare `node:http` JSON server that answers the reference scenarios' POST bodies with the
 * same JSON as the gateway, making the upstream calls itself with `@alicloud/openapi-client`
 * (`callApi`, RPC style, as src/upstream/product-rpc.client.ts does, same SDK defaults), one
 * handler per operation name: no GraphQL, no DataLoader, no retries, no limits, no logging.
 *
 * It reuses the project's pure pieces only where the answer must be the same by construction: the
 * wire → record mappers of src/upstream and the preflight rules (`evaluateAttachPreflight`), fed by
 * its own calls. What it does not support (load balancers or DB instances on a group, a request
 * problem, another operation) answers 501, which the bench refuses to time.
 *
 * Started as a child process with the environment of `gatewayEnvOver` (endpoints, credentials,
 * region); prints `direct-sdk backend listening on http://…`.
 */
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import OpenApiClient, { Config, OpenApiRequest, Params } from "@alicloud/openapi-client";
import { RuntimeOptions } from "@alicloud/tea-util";
import { mapEcsInstance, mapSecurityGroup } from "../../src/upstream/ecs-response.mapper";
import { mapPage, mapScalingConfiguration, mapScalingGroup, mapScalingInstance } from "../../src/upstream/ess-response.mapper";
import { PRODUCT_API_VERSIONS } from "../../src/contract/api-versions.contract";
import type { UpstreamProduct } from "../../src/upstream/upstream.hooks";
import type { UpstreamEcsInstance, UpstreamScalingGroup, UpstreamScalingInstance } from "../../src/upstream/upstream.types";
import {
  evaluateAttachPreflight,
  type AttachPreflightFacts,
  type GroupFacts,
  type InstanceFacts,
} from "../../src/graphql/attach-preflight/attach-preflight.rules";
import type { AttachBlocker } from "../../src/graphql/attach-preflight/attach-blocker.types";

type Wire = Record<string, unknown>;

/** The backend's own input rule, as AttachInstances documents it (the gateway's is on AttachInstanceInput). */
const LOAD_BALANCER_WEIGHT_RANGE = { min: 0, max: 100 };

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} is not set`);
  return value;
};

const REGION = env("ESS_GATEWAY_REGION");
const PROTOCOL = env("ESS_GATEWAY_PROTOCOL");
const ENDPOINTS: Record<UpstreamProduct, string> = {
  Ess: env("ESS_GATEWAY_ESS_ENDPOINT"),
  Ecs: env("ESS_GATEWAY_ECS_ENDPOINT"),
  Slb: env("ESS_GATEWAY_SLB_ENDPOINT"),
  Rds: env("ESS_GATEWAY_RDS_ENDPOINT"),
};

/** One SDK client per product, kept for the process's life (its sockets are kept alive). */
const clients = new Map(
  (Object.keys(ENDPOINTS) as UpstreamProduct[]).map((product) => [
    product,
    new OpenApiClient(
      new Config({
        accessKeyId: env("ESS_GATEWAY_ACCESS_KEY_ID"),
        accessKeySecret: env("ESS_GATEWAY_ACCESS_KEY_SECRET"),
        endpoint: ENDPOINTS[product],
        protocol: PROTOCOL,
        regionId: REGION,
      }),
    ),
  ]),
);
const runtime = new RuntimeOptions({ readTimeout: 10_000, connectTimeout: 10_000, autoretry: false });

async function call(product: UpstreamProduct, action: string, query: Record<string, string>): Promise<Wire> {
  const params = new Params({
    action,
    version: PRODUCT_API_VERSIONS[product],
    protocol: PROTOCOL.toUpperCase(),
    pathname: "/",
    method: "POST",
    authType: "AK",
    style: "RPC",
    reqBodyType: "formData",
    bodyType: "json",
  });
  const response = await clients.get(product)!.callApi(params, new OpenApiRequest({ query }), runtime);
  return response.body as Wire;
}

function indexed(name: string, values: readonly string[]): Record<string, string> {
  return Object.fromEntries(values.map((value, index) => [`${name}.${index + 1}`, value]));
}

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < values.length; start += size) out.push(values.slice(start, start + size));
  return out;
}

async function describeGroup(regionId: string, id: string): Promise<UpstreamScalingGroup | null> {
  const body = await call("Ess", "DescribeScalingGroups", { RegionId: regionId, ...indexed("ScalingGroupId", [id]) });
  return mapPage(body, "ScalingGroups", "ScalingGroup", mapScalingGroup).items[0] ?? null;
}

async function describeInstances(regionId: string, ids: readonly string[]): Promise<Map<string, UpstreamEcsInstance>> {
  const found = new Map<string, UpstreamEcsInstance>();
  for (const batch of chunks(ids, 100)) {
    const body = await call("Ecs", "DescribeInstances", {
      RegionId: regionId,
      InstanceIds: JSON.stringify(batch),
      MaxResults: String(Math.max(10, batch.length)),
    });
    for (const instance of mapPage(body, "Instances", "Instance", mapEcsInstance).items) found.set(instance.instanceId, instance);
  }
  return found;
}

async function describeMemberships(regionId: string, ids: readonly string[]): Promise<Map<string, UpstreamScalingInstance>> {
  const pages = await Promise.all(
    chunks(ids, 20).map((batch) =>
      call("Ess", "DescribeScalingInstances", { RegionId: regionId, PageSize: "100", ...indexed("InstanceId", batch) }),
    ),
  );
  return new Map(
    pages
      .flatMap((body) => mapPage(body, "ScalingInstances", "ScalingInstance", mapScalingInstance).items)
      .map((member) => [member.instanceId, member]),
  );
}

async function activityInProgress(regionId: string, scalingGroupId: string): Promise<boolean> {
  const body = await call("Ess", "DescribeScalingActivities", {
    RegionId: regionId,
    ScalingGroupId: scalingGroupId,
    StatusCode: "InProgress",
    PageNumber: "1",
    PageSize: "50",
  });
  return Number(body.TotalCount ?? 0) > 0;
}

class Unsupported extends Error {}

/** The group and what is attached to it, the way a backend would read them: group first, then its configuration and security group. */
async function groupFacts(regionId: string, scalingGroupId: string): Promise<GroupFacts> {
  const [group, inProgress] = await Promise.all([describeGroup(regionId, scalingGroupId), activityInProgress(regionId, scalingGroupId)]);
  if (group === null) return { state: "notFound" };
  if (group.loadBalancerIds.length > 0 || group.dbInstanceIds.length > 0)
    throw new Unsupported("groups with load balancers or DB instances");
  let activeConfiguration = null;
  let securityGroup = null;
  if (group.activeScalingConfigurationId !== null) {
    const body = await call("Ess", "DescribeScalingConfigurations", {
      RegionId: regionId,
      PageSize: "50",
      ...indexed("ScalingConfigurationId", [group.activeScalingConfigurationId]),
    });
    activeConfiguration = mapPage(body, "ScalingConfigurations", "ScalingConfiguration", mapScalingConfiguration).items[0] ?? null;
    if (activeConfiguration?.securityGroupId) {
      const sgBody = await call("Ecs", "DescribeSecurityGroups", {
        RegionId: regionId,
        SecurityGroupIds: JSON.stringify([activeConfiguration.securityGroupId]),
        IsQueryEcsCount: "true",
        PageNumber: "1",
        PageSize: "50",
      });
      securityGroup = mapPage(sgBody, "SecurityGroups", "SecurityGroup", mapSecurityGroup).items[0] ?? null;
    }
  }
  return { state: "found", group, activityInProgress: inProgress, loadBalancers: [], dbInstances: [], activeConfiguration, securityGroup };
}

/** Everything the rules need for `instanceIds` against one group, in three parallel branches. */
async function loadFacts(regionId: string, scalingGroupId: string, instanceIds: readonly string[]) {
  const distinct = [...new Set(instanceIds)];
  const [group, instances, memberships] = await Promise.all([
    groupFacts(regionId, scalingGroupId),
    describeInstances(regionId, distinct),
    describeMemberships(regionId, distinct),
  ]);
  const facts = new Map<string, InstanceFacts>(
    distinct.map((id) => [id, { instance: instances.get(id) ?? null, foundInRegionId: null, membership: memberships.get(id) ?? null }]),
  );
  return { group, facts, instances };
}

/** The GraphQL member each blocker code is shown as (the gateway's AttachBlocker union), for the codes these rules produce. */
const BLOCKER_TYPENAMES: Readonly<Record<string, string>> = {
  "Forbidden.Unauthorized": "EssNotAuthorizedError",
  "InvalidScalingGroupId.NotFound": "ScalingGroupNotFoundError",
  IncorrectScalingGroupStatus: "ScalingGroupNotActiveError",
  ScalingActivityInProgress: "ScalingActivityInProgressError",
  "InvalidInstanceId.NotFound": "InstanceNotFoundError",
  "InvalidInstanceId.RegionMismatch": "InstanceRegionMismatchError",
  IncorrectInstanceStatus: "InstanceNotRunningError",
  "InvalidInstanceId.NetworkTypeMismatch": "InstanceNetworkTypeMismatchError",
  "InvalidInstanceId.VPCMismatch": "InstanceVpcMismatchError",
  "InvalidInstanceId.InUse": "InstanceInUseError",
  "InvalidInstanceId.InstanceTypeMismatch": "InstanceTypeMismatchError",
  InvalidParameter: "EntrustedNotAllowedError",
  "IncorrectCapacity.MaxSize": "MaxSizeExceededError",
  "QuotaExceeded.SecurityGroupInstance": "SecurityGroupInstanceQuotaExceededError",
};

function renderBlockers(blockers: readonly AttachBlocker[]): Array<{ __typename: string; code: string }> {
  return blockers.map((blocker) => {
    if (blocker.scope === "request") throw new Unsupported("request blockers");
    const typename = BLOCKER_TYPENAMES[blocker.code];
    if (typename === undefined) throw new Unsupported(`blocker ${blocker.code}`);
    return { __typename: typename, code: blocker.code };
  });
}

function verdict(regionId: string, group: GroupFacts, facts: Map<string, InstanceFacts>, instanceIds: readonly string[]) {
  const input: AttachPreflightFacts = { instanceIds, entrusted: false, ignoreInvalidInstance: false, group, instances: facts };
  return evaluateAttachPreflight(input);
}

type Variables = Record<string, unknown>;

const handlers: Record<string, (variables: Variables) => Promise<unknown>> = {
  async Group(variables) {
    const group = await describeGroup(String(variables.r), String(variables.id));
    return {
      scalingGroup:
        group === null
          ? null
          : {
              id: group.scalingGroupId,
              name: group.scalingGroupName,
              lifecycleState: group.lifecycleState.toUpperCase(),
              minSize: group.minSize,
              maxSize: group.maxSize,
              totalCapacity: group.totalCapacity,
            },
    };
  },

  async Preflight(variables) {
    const regionId = String(variables.r);
    const ids = variables.ids as string[];
    const { group, facts } = await loadFacts(regionId, String(variables.g), ids);
    const result = verdict(regionId, group, facts, ids);
    return {
      attachPreflight: {
        canAttach: result.blockers.length === 0,
        instances: result.instances.map((entry) => ({
          instanceId: entry.instanceId,
          eligible: entry.blockers.length === 0,
          blockers: renderBlockers(entry.blockers),
        })),
      },
    };
  },

  async Eligibility(variables) {
    const regionId = String(variables.r);
    const ids = variables.ids as string[];
    const { group, facts, instances } = await loadFacts(regionId, String(variables.g), ids);
    return {
      instances: ids.flatMap((id) => {
        const instance = instances.get(id);
        if (instance === undefined) return [];
        const blockers = renderBlockers(verdict(regionId, group, facts, [id]).blockers);
        return [{ id, status: instance.status.toUpperCase(), attachEligibility: { eligible: blockers.length === 0, blockers } }];
      }),
    };
  },

  async Attach(variables) {
    const input = variables.input as {
      regionId: string;
      scalingGroupId: string;
      instances: Array<{ instanceId: string; loadBalancerWeight?: number }>;
    };
    const issues = input.instances.flatMap((instance, index) => {
      const weight = instance.loadBalancerWeight;
      if (weight === undefined) return [];
      const constraint = weight > LOAD_BALANCER_WEIGHT_RANGE.max ? "max" : weight < LOAD_BALANCER_WEIGHT_RANGE.min ? "min" : null;
      return constraint === null ? [] : [{ path: ["instances", String(index), "loadBalancerWeight"], constraint }];
    });
    if (issues.length > 0) return { attachInstances: { __typename: "InputValidationError", issues } };
    try {
      const body = await call("Ess", "AttachInstances", {
        RegionId: input.regionId,
        ScalingGroupId: input.scalingGroupId,
        ClientToken: randomUUID(),
        ...indexed(
          "InstanceId",
          input.instances.map((instance) => instance.instanceId),
        ),
      });
      throw new Unsupported(`a successful attach (${String(body.ScalingActivityId)})`);
    } catch (error) {
      const data = (error as { data?: Wire }).data;
      const code = typeof data?.Code === "string" ? data.Code : undefined;
      const typename = code === undefined ? undefined : BLOCKER_TYPENAMES[code];
      if (typename === undefined) throw error;
      return { attachInstances: { __typename: typename, code, message: data!.Message, requestId: data!.RequestId ?? null } };
    }
  },
};

function operationName(query: string): string | undefined {
  return /^\s*(?:query|mutation)\s+([A-Za-z_]\w*)/.exec(query)?.[1];
}

const server = http.createServer((req, res) => {
  const chunksIn: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunksIn.push(chunk));
  req.on("end", () => {
    const answer = (status: number, payload: unknown) => {
      const text = JSON.stringify(payload);
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
      res.end(text);
    };
    let body: { query?: string; variables?: Variables };
    try {
      body = JSON.parse(Buffer.concat(chunksIn).toString("utf8"));
    } catch {
      answer(400, { errors: [{ message: "body is not JSON" }] });
      return;
    }
    const handler = handlers[operationName(body.query ?? "") ?? ""];
    if (handler === undefined) {
      answer(501, { errors: [{ message: "operation not supported by the direct-SDK baseline" }] });
      return;
    }
    handler(body.variables ?? {}).then(
      (data) => answer(200, { data }),
      (error: unknown) =>
        answer(error instanceof Unsupported ? 501 : 502, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }),
    );
  });
});

server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`direct-sdk backend listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
