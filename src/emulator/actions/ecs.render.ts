import { createHash } from "node:crypto";
import type { EmulatorStore } from "../store/emulator.store";
import { attributesOf } from "../store/store.attributes";
import type { InstanceRow, SecurityGroupRow } from "../store/store.rows";
import { addMonths, toIsoMinutes } from "../store/store.time";
import { instanceTypeSpec } from "../world/instance-types";
import type { WorldInstance, WorldSecurityGroup } from "../world/world.types";
import { DEFAULT_WORLD_TIME } from "../world/world.constants";

/**
 * ECS resources in the shape of the official SDK's DescribeInstances / DescribeSecurityGroups
 * models (test/support/fixtures/sdk-models.json): every field present, values consistent with
 * the world (vCPUs and memory from the instance-type table, times with minute precision as ECS
 * prints them, expiry for PrePaid instances, spot fields for spot instances).
 */

/** The public images the emulator shows per OS type, when the world names none. */
export const DEFAULT_IMAGES = {
  linux: {
    imageId: "aliyun_3_x64_20G_alibase_20240819.vhd",
    osName: "Alibaba Cloud Linux 3.2104 LTS 64位",
    osNameEn: "Alibaba Cloud Linux 3.2104 LTS 64 bit",
  },
  windows: {
    imageId: "win2022_21H2_x64_dtc_en-us_40G_alibase_20240816.vhd",
    osName: "Windows Server 2022 数据中心版 64位英文版",
    osNameEn: "Windows Server 2022 Data Center Edition 64bit English Edition",
  },
} as const;

/** What ECS prints as ExpiredTime for instances that never expire (PostPaid and spot). */
const NEVER_EXPIRES = "2099-12-31T15:59Z";
/** A PrePaid instance's subscription, when the world gives no expiredTime. */
const DEFAULT_SUBSCRIPTION_MONTHS = 1;
/** The price limit of a SpotWithPriceLimit instance without one in the world (USD/hour). */
const DEFAULT_SPOT_PRICE_LIMIT = 0.1;

/** A stable, UUID-shaped value derived from an ID (serial numbers, MAC addresses). */
function derivedHex(id: string, salt: string): string {
  return createHash("sha256").update(`${salt}:${id}`).digest("hex");
}

function serialNumber(instanceId: string): string {
  const hex = derivedHex(instanceId, "serial");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function macAddress(instanceId: string): string {
  const hex = derivedHex(instanceId, "mac");
  return ["00", "16", "3e", hex.slice(0, 2), hex.slice(2, 4), hex.slice(4, 6)].join(":");
}

/** When a PrePaid instance's subscription ends (ISO), or undefined for one that never expires. */
function instanceExpiry(instance: InstanceRow): string | undefined {
  if (instance.chargeType !== "PrePaid") return undefined;
  return attributesOf<WorldInstance>(instance).expiredTime ?? addMonths(instance.creationTime, DEFAULT_SUBSCRIPTION_MONTHS);
}

export function renderInstance(store: EmulatorStore, instance: InstanceRow, nowMs: number): Record<string, unknown> {
  const attributes = attributesOf<WorldInstance>(instance);
  const spec = instanceTypeSpec(instance.instanceType);
  const osType = attributes.osType ?? "linux";
  const image = DEFAULT_IMAGES[osType];
  const vpc = instance.networkType === "vpc";
  const spot = instance.spotStrategy !== "NoSpot";
  const expiry = instanceExpiry(instance);
  const expired = expiry !== undefined && Date.parse(expiry) <= nowMs;
  const suffix = instance.instanceId.slice(2);
  return {
    AdditionalInfo: { EnableHighDensityMode: false, NodeSerialNumber: "" },
    AutoReleaseTime: "",
    ClockOptions: { PtpStatus: "disabled" },
    ClusterId: "",
    Cpu: spec.cpu,
    CpuOptions: {
      CoreCount: spec.cpu / 2,
      EnableVISST: false,
      EnableVRDT: false,
      NestedVirtualization: "disabled",
      Numa: "",
      ThreadsPerCore: 2,
      TopologyType: "DiscreteCoreToHtMapping",
      TurboMode: "",
    },
    CreationTime: toIsoMinutes(instance.creationTime),
    CreditSpecification: "",
    DedicatedHostAttribute: { DedicatedHostClusterId: "", DedicatedHostId: "", DedicatedHostName: "" },
    DedicatedInstanceAttribute: { Affinity: "default", Tenancy: "default" },
    DeletionProtection: attributes.deletionProtection ?? false,
    DeploymentSetGroupNo: 0,
    DeploymentSetId: "",
    Description: attributes.description ?? "",
    DeviceAvailable: true,
    EcsCapacityReservationAttr: { CapacityReservationId: "", CapacityReservationPreference: "open" },
    EipAddress: { AllocationId: "", Bandwidth: 0, InternetChargeType: "", IpAddress: "", IsSupportUnassociate: false },
    EnableNVS: false,
    ExpiredTime: expiry === undefined ? NEVER_EXPIRES : toIsoMinutes(expiry),
    GPUAmount: 0,
    GPUSpec: "",
    HibernationOptions: { Configured: false },
    HostName: attributes.hostName ?? `iZ${suffix}Z`,
    HpcClusterId: "",
    ISP: "",
    ImageId: attributes.imageId ?? image.imageId,
    ImageOptions: { CurrentOSNVMeSupported: true, LoginAsNonRoot: false },
    InnerIpAddress: { IpAddress: vpc ? [] : [instance.privateIp] },
    InstanceChargeType: instance.chargeType,
    InstanceId: instance.instanceId,
    InstanceName: instance.instanceName ?? instance.instanceId,
    InstanceNetworkType: instance.networkType,
    InstanceType: instance.instanceType,
    InstanceTypeFamily: spec.instanceTypeFamily,
    InternetChargeType: "PayByTraffic",
    InternetMaxBandwidthIn: 0,
    InternetMaxBandwidthOut: 0,
    IoOptimized: true,
    KeyPairName: "",
    LocalStorageAmount: 0,
    LocalStorageCapacity: 0,
    Memory: spec.memoryMiB,
    MetadataOptions: { HttpEndpoint: "enabled", HttpPutResponseHopLimit: 1, HttpTokens: "optional", InstanceMetadataTags: "disabled" },
    NetworkInterfaces: {
      NetworkInterface: vpc
        ? [
            {
              Ipv4PrefixSets: { Ipv4PrefixSet: [] },
              Ipv6PrefixSets: { Ipv6PrefixSet: [] },
              Ipv6Sets: { Ipv6Set: [] },
              MacAddress: macAddress(instance.instanceId),
              NetworkInterfaceId: `eni-${suffix}`,
              PrimaryIpAddress: instance.privateIp,
              PrivateIpSets: { PrivateIpSet: [{ Primary: true, PrivateDnsName: "", PrivateIpAddress: instance.privateIp }] },
              Type: "Primary",
            },
          ]
        : [],
    },
    OSName: attributes.osName ?? image.osName,
    OSNameEn: attributes.osName ?? image.osNameEn,
    OSType: osType,
    // An expired subscription is locked for payment, as ECS does until it is renewed or released.
    OperationLocks: { LockReason: expired ? [{ LockMsg: "The instance has expired.", LockReason: "financial" }] : [] },
    PrivateDnsNameOptions: {
      EnableInstanceIdDnsAAAARecord: false,
      EnableInstanceIdDnsARecord: false,
      EnableIpDnsARecord: false,
      EnableIpDnsPtrRecord: false,
      HostnameType: "Custom",
    },
    PublicIpAddress: { IpAddress: [] },
    RdmaIpAddress: { IpAddress: [] },
    Recyclable: false,
    RegionId: instance.regionId,
    ResourceGroupId: "",
    SaleCycle: instance.chargeType === "PrePaid" ? "Month" : "",
    SecurityGroupIds: { SecurityGroupId: store.instanceSecurityGroupIds(instance.instanceId) },
    SecurityOptions: { EnableSecureBoot: false },
    SerialNumber: serialNumber(instance.instanceId),
    SpotDuration: spot ? 1 : 0,
    SpotInterruptionBehavior: "Terminate",
    SpotPriceLimit: instance.spotStrategy === "SpotWithPriceLimit" ? (attributes.spotPriceLimit ?? DEFAULT_SPOT_PRICE_LIMIT) : 0,
    SpotStrategy: instance.spotStrategy,
    StartTime: toIsoMinutes(attributes.startTime ?? instance.creationTime),
    Status: instance.status,
    StoppedMode: instance.status === "Stopped" ? "KeepCharging" : "Not-applicable",
    Tags: { Tag: (attributes.tags ?? []).map((tag) => ({ TagKey: tag.key, TagValue: tag.value })) },
    VlanId: "",
    VpcAttributes: vpc
      ? { NatIpAddress: "", PrivateIpAddress: { IpAddress: [instance.privateIp] }, VSwitchId: instance.vSwitchId, VpcId: instance.vpcId }
      : { NatIpAddress: "", PrivateIpAddress: { IpAddress: [] }, VSwitchId: "", VpcId: "" },
    ZoneId: instance.zoneId,
  };
}

export function renderSecurityGroup(store: EmulatorStore, group: SecurityGroupRow): Record<string, unknown> {
  const attributes = attributesOf<WorldSecurityGroup>(group);
  const members = store.securityGroupMemberCount(group.securityGroupId);
  return {
    AvailableInstanceAmount: Math.max(0, group.instanceQuota - members),
    CreationTime: attributes.creationTime ?? DEFAULT_WORLD_TIME,
    Description: attributes.description ?? "",
    EcsCount: members,
    GroupToGroupRuleCount: 0,
    ResourceGroupId: "",
    RuleCount: 0,
    SecurityGroupId: group.securityGroupId,
    SecurityGroupName: attributes.securityGroupName ?? group.securityGroupId,
    SecurityGroupType: "normal",
    ServiceID: 0,
    ServiceManaged: false,
    Tags: { Tag: [] },
    VpcId: group.vpcId ?? "",
  };
}
