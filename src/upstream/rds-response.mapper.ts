import type { UpstreamDbInstance } from "./upstream.types";
import { optionalNumber, optionalString, requiredString, unwrapObjects, type WireObject } from "./wire-values.reader";

/** The real RDS whitelist limit; the API reports no quota (only the emulator's [ext] `SecurityIPQuota` does). */
const DEFAULT_SECURITY_IP_QUOTA = 1000;

/** The one `Items.DBInstanceAttribute` entry, or null when the list is empty. */
export function firstDbInstanceAttribute(body: WireObject): WireObject | null {
  return unwrapObjects(body, "Items", "DBInstanceAttribute")[0] ?? null;
}

/** Every entry of every IP array (`SecurityIPList` is comma-separated), in array order, as listed. */
function mapSecurityIps(body: WireObject): string[] {
  return unwrapObjects(body, "Items", "DBInstanceIPArray").flatMap((array) =>
    (optionalString(array, "SecurityIPList") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ""),
  );
}

/** Combines DescribeDBInstanceAttribute's entry with DescribeDBInstanceIPArrayList's body. */
export function mapDbInstance(attribute: WireObject, ipArrays: WireObject): UpstreamDbInstance {
  const where = "Items.DBInstanceAttribute[0]";
  return {
    dbInstanceId: requiredString(attribute, "DBInstanceId", where),
    status: requiredString(attribute, "DBInstanceStatus", where),
    engine: optionalString(attribute, "Engine"),
    securityIps: mapSecurityIps(ipArrays),
    securityIpQuota: optionalNumber(attribute, "SecurityIPQuota") ?? DEFAULT_SECURITY_IP_QUOTA,
  };
}
