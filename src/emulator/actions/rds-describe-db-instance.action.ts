import type { ActionRequest } from "../emulator-core.types";
import type { EmulatorStore } from "../store/emulator.store";
import type { DbInstanceRow } from "../store/store.rows";
import type { ActionFactory } from "./action.context";
import { dbInstanceNotFound } from "./action.errors";
import { requiredString } from "./action.params";
import { attributesOf } from "../store/store.attributes";
import type { WorldDbInstance } from "../world/world.types";
import { DEFAULT_WORLD_TIME } from "../world/world.constants";

/** The caller's DB instance named by `DBInstanceId`; another account's is 404 `InvalidDBInstanceId.NotFound`. */
function callerDbInstance(store: EmulatorStore, request: ActionRequest): DbInstanceRow {
  const dbInstanceId = requiredString(request.params, "DBInstanceId");
  const db = store.dbInstance(request.caller.accountId, dbInstanceId);
  if (!db) throw dbInstanceNotFound(dbInstanceId);
  return db;
}

/** The cores and memory (MiB) of the RDS classes the emulator knows; others show 2 cores, 4 GiB. */
const DB_CLASSES: Readonly<Record<string, { cpu: number; memoryMiB: number; maxConnections: number; maxIops: number }>> = {
  "rds.mysql.s2.large": { cpu: 2, memoryMiB: 4096, maxConnections: 1200, maxIops: 2000 },
  "rds.mysql.s3.large": { cpu: 4, memoryMiB: 8192, maxConnections: 2000, maxIops: 5000 },
  "mysql.n2.medium.1": { cpu: 2, memoryMiB: 4096, maxConnections: 2000, maxIops: 10000 },
};
const DEFAULT_DB_CLASS = "rds.mysql.s2.large";
const DEFAULT_ENGINE_VERSIONS: Readonly<Record<string, string>> = { MySQL: "8.0", PostgreSQL: "16.0", SQLServer: "2022_std_ha" };

function renderDbInstanceAttribute(store: EmulatorStore, db: DbInstanceRow): Record<string, unknown> {
  const attributes = attributesOf<WorldDbInstance>(db);
  const dbClass = attributes.dbInstanceClass ?? DEFAULT_DB_CLASS;
  const spec = DB_CLASSES[dbClass] ?? DB_CLASSES[DEFAULT_DB_CLASS]!;
  const zoneId = attributes.zoneId ?? store.zonesOfRegion(db.regionId)[0] ?? "";
  const suffix = db.dbInstanceId.slice(3);
  return {
    AccountMaxQuantity: 500,
    AdvancedFeatures: "",
    AutoUpgradeMinorVersion: "Auto",
    AvailabilityValue: "100.0%",
    BabelfishConfig: { BabelfishEnabled: "false", MigrationMode: "" },
    BlueGreenDeploymentName: "",
    BlueInstanceName: "",
    BpeEnabled: "",
    BurstingEnabled: false,
    CanTempUpgrade: false,
    Category: "HighAvailability",
    ColdDataEnabled: false,
    Collation: "",
    CompressionMode: "off",
    CompressionRatio: "",
    ComputeBurstEnabled: false,
    ConnectionMode: "Standard",
    ConnectionString: `${db.dbInstanceId}.mysql.rds.aliyuncs.com`,
    ConsoleVersion: "",
    CreationTime: attributes.creationTime ?? DEFAULT_WORLD_TIME,
    CurrentKernelVersion: "",
    DBClusterNodes: { DBClusterNode: [] },
    DBInstanceCPU: String(spec.cpu),
    DBInstanceClass: dbClass,
    DBInstanceClassType: "x",
    DBInstanceDescription: db.dbInstanceId,
    DBInstanceDiskUsed: "0",
    DBInstanceId: db.dbInstanceId,
    DBInstanceMemory: spec.memoryMiB,
    DBInstanceNetType: "Intranet",
    DBInstanceStatus: db.status,
    DBInstanceStorage: 100,
    DBInstanceStorageType: "cloud_essd",
    DBInstanceType: "Primary",
    DBMaxQuantity: 500,
    DedicatedHostGroupId: "",
    DeletionProtection: false,
    DisasterRecoveryInfo: "",
    DisasterRecoveryInstances: "",
    Engine: db.engine,
    EngineVersion: attributes.engineVersion ?? DEFAULT_ENGINE_VERSIONS[db.engine] ?? "",
    ExpireTime: "",
    Extra: { AccountSecurityPolicy: "", DBInstanceIds: { DBInstanceId: [db.dbInstanceId] }, RecoveryModel: "" },
    GeneralGroupName: "",
    GreenInstanceName: "",
    GuardDBInstanceId: "",
    IPType: "IPv4",
    IncrementSourceDBInstanceId: "",
    InstanceNetworkType: "VPC",
    InstructionSetArch: "x86",
    IoAccelerationEnabled: "0",
    IsAnalyticIns: false,
    IsAnalyticReadOnlyIns: false,
    LatestKernelVersion: "",
    LockMode: db.status === "Locked" ? "LockByExpiration" : "Unlock",
    LockReason: "",
    MaintainTime: "18:00Z-22:00Z",
    MasterInstanceId: "",
    MasterZone: zoneId,
    MaxConnections: spec.maxConnections,
    MaxIOMBPS: 0,
    MaxIOPS: spec.maxIops,
    MultipleTempUpgrade: false,
    OptimizedWritesInfo: "",
    PGBouncerEnabled: "",
    PayType: "Postpaid",
    Port: "3306",
    ProxyType: 1,
    ReadOnlyDBInstanceIds: { ReadOnlyDBInstanceId: [] },
    ReadOnlyStatus: "OFF",
    ReadonlyInstanceSQLDelayedTime: "",
    RegionId: db.regionId,
    ResourceGroupId: "",
    SecurityIPList: store.securityIps(db.dbInstanceId).join(","),
    SecurityIPMode: "normal",
    ServerlessConfig: { AutoPause: false, ScaleMax: 0, ScaleMin: 0, SwitchForce: false },
    SlaveZones: { SlaveZone: [] },
    SuperPermissionMode: "",
    SupportCompression: false,
    TempDBInstanceId: "",
    TempUpgradeTimeEnd: "",
    TempUpgradeTimeStart: "",
    TimeZone: "",
    Tips: "",
    TipsLevel: 0,
    VSwitchId: "",
    VectorSupportStatus: "",
    VpcCloudInstanceId: `${db.dbInstanceId}-${suffix.slice(0, 4)}`,
    VpcId: "",
    ZoneId: zoneId,
    kindCode: "18",
    // [ext] RDS reports no whitelist quota (its limit is 1000 entries); opt-in: world `extensions.rdsSecurityIpQuota`.
    ...(store.extensions().rdsSecurityIpQuota === true && { SecurityIPQuota: db.securityIpQuota }),
  };
}

/**
 * RDS DescribeDBInstanceAttribute: every field of the SDK model. Another account's instance is 404
 * `InvalidDBInstanceId.NotFound`. `SecurityIPQuota` is an opt-in extension.
 */
export const describeDbInstanceAttributeAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const db = callerDbInstance(store, request);
    return { Items: { DBInstanceAttribute: [renderDbInstanceAttribute(store, db)] } };
  };

/** RDS DescribeDBInstanceIPArrayList: the "default" whitelist group, comma-separated. */
export const describeDbInstanceIpArrayListAction: ActionFactory =
  ({ store }) =>
  (request) => {
    const db = callerDbInstance(store, request);
    return {
      Items: {
        DBInstanceIPArray: [
          {
            DBInstanceIPArrayName: "default",
            DBInstanceIPArrayAttribute: "",
            SecurityIPList: store.securityIps(db.dbInstanceId).join(","),
            SecurityIPType: "IPv4",
          },
        ],
      },
    };
  };
