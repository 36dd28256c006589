import OpenApi, * as OpenApiModule from "@alicloud/openapi-client";
import * as Util from "@alicloud/tea-util";
import { startEmulator } from "../../src/emulator/emulator";
import { PRODUCT_VERSIONS, type ActivityTiming, type Product, type RunningEmulator } from "../../src/emulator/emulator-core.types";
import { DEMO_ACCESS_KEYS } from "../../src/emulator/world/demo-cases";
import type { WorldFile } from "../../src/emulator/world/world.types";

/** The outcome of one RPC call: the HTTP status, and the body or the error code. */
export interface CallResult {
  statusCode: number;
  body: Record<string, any>;
  code?: string;
  message?: string;
}

export interface Key {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/**
 * A real emulator (HTTP, signatures) plus a real `@alicloud/openapi-client` per AccessKey, for the
 * domain tests. Errors come back as values so tests can assert code and status together.
 */
export class DomainHarness {
  private readonly clients = new Map<string, InstanceType<typeof OpenApi>>();

  private constructor(
    private readonly endpoint: { host: string; port: number },
    private readonly running?: RunningEmulator,
  ) {}

  /** The in-process emulator (its control surface); only for harnesses made by `start`. */
  get emulator(): RunningEmulator {
    if (!this.running) throw new Error("this harness talks to an external emulator");
    return this.running;
  }

  /** A client-only harness for an emulator running elsewhere (e.g. a spawned CLI). */
  static forEndpoint(host: string, port: number): DomainHarness {
    return new DomainHarness({ host, port });
  }

  static async start(options: { world?: WorldFile; activity?: ActivityTiming; dbPath?: string } = {}): Promise<DomainHarness> {
    const emulator = await startEmulator({
      dbPath: options.dbPath ?? ":memory:",
      activity: options.activity ?? { mode: "manual" },
      ...(options.world && { world: options.world }),
    });
    return new DomainHarness({ host: emulator.host, port: emulator.port }, emulator);
  }

  private client(key: Key): InstanceType<typeof OpenApi> {
    let client = this.clients.get(key.accessKeyId);
    if (!client) {
      client = new OpenApi(
        new OpenApiModule.Config({
          accessKeyId: key.accessKeyId,
          accessKeySecret: key.accessKeySecret,
          ...(key.securityToken && { securityToken: key.securityToken }),
          endpoint: `${this.endpoint.host}:${this.endpoint.port}`,
          protocol: "http",
          regionId: "cn-hangzhou",
        }),
      );
      this.clients.set(key.accessKeyId, client);
    }
    return client;
  }

  async call(product: Product, action: string, params: Record<string, string>, key: Key = DEMO_ACCESS_KEYS.primary): Promise<CallResult> {
    const request = new OpenApiModule.Params({
      action,
      version: PRODUCT_VERSIONS[product],
      protocol: "HTTP",
      pathname: "/",
      method: "POST",
      authType: "AK",
      style: "RPC",
      reqBodyType: "formData",
      bodyType: "json",
    });
    try {
      const response = await this.client(key).callApi(
        request,
        new OpenApiModule.OpenApiRequest({ query: params }),
        new Util.RuntimeOptions({ autoretry: false, readTimeout: 20000, connectTimeout: 5000 }),
      );
      return { statusCode: response.statusCode as number, body: response.body as Record<string, any> };
    } catch (error) {
      const failure = error as { statusCode?: number; code?: string; data?: Record<string, any>; message: string };
      if (failure.statusCode === undefined) throw error;
      return {
        statusCode: failure.statusCode,
        body: failure.data ?? {},
        code: failure.code ?? "",
        message: (failure.data?.Message as string) ?? failure.message,
      };
    }
  }

  /** A successful call's body; throws with the code when it failed. */
  async ok(product: Product, action: string, params: Record<string, string>, key?: Key): Promise<Record<string, any>> {
    const result = await this.call(product, action, params, key);
    if (result.code !== undefined) throw new Error(`${action} failed: ${result.statusCode} ${result.code} ${result.message}`);
    return result.body;
  }

  async activity(scalingActivityId: string, regionId = "cn-hangzhou"): Promise<Record<string, any>> {
    const body = await this.ok("Ess", "DescribeScalingActivities", { RegionId: regionId, "ScalingActivityId.1": scalingActivityId });
    return body.ScalingActivities.ScalingActivity[0];
  }

  async group(scalingGroupId: string, regionId = "cn-hangzhou"): Promise<Record<string, any>> {
    const body = await this.ok("Ess", "DescribeScalingGroups", { RegionId: regionId, "ScalingGroupId.1": scalingGroupId });
    return body.ScalingGroups.ScalingGroup[0];
  }

  async scalingInstances(scalingGroupId: string, regionId = "cn-hangzhou"): Promise<Array<Record<string, any>>> {
    const body = await this.ok("Ess", "DescribeScalingInstances", { RegionId: regionId, ScalingGroupId: scalingGroupId, PageSize: "100" });
    return body.ScalingInstances.ScalingInstance;
  }

  async close(): Promise<void> {
    await this.running?.close();
  }
}

/** AttachInstances parameters from a list of instance IDs. */
export function attachParams(
  scalingGroupId: string,
  instanceIds: readonly string[],
  extra: Record<string, string> = {},
  regionId = "cn-hangzhou",
): Record<string, string> {
  const params: Record<string, string> = { RegionId: regionId, ScalingGroupId: scalingGroupId };
  instanceIds.forEach((id, index) => {
    params[`InstanceId.${index + 1}`] = id;
  });
  return { ...params, ...extra };
}
