import type { ActionFactory } from "./action.context";
import { dbInstanceNotFound } from "./action.errors";
import { requiredString } from "./action.params";

/**
 * RDS DescribeDBInstanceAttribute. Another account's instance is 404
 * `InvalidDBInstanceId.NotFound`. `SecurityIPQuota` is an emulator extension.
 */
export const describeDbInstanceAttributeAction: ActionFactory = ({ store }) => (request) => {
  const dbInstanceId = requiredString(request.params, "DBInstanceId");
  const db = store.dbInstance(request.caller.accountId, dbInstanceId);
  if (!db) throw dbInstanceNotFound(dbInstanceId);
  return {
    Items: {
      DBInstanceAttribute: [
        {
          DBInstanceId: db.dbInstanceId,
          DBInstanceStatus: db.status,
          RegionId: db.regionId,
          Engine: db.engine,
          SecurityIPQuota: db.securityIpQuota,
        },
      ],
    },
  };
};

/** RDS DescribeDBInstanceIPArrayList: the "default" whitelist group, comma-separated. */
export const describeDbInstanceIpArrayListAction: ActionFactory = ({ store }) => (request) => {
  const dbInstanceId = requiredString(request.params, "DBInstanceId");
  const db = store.dbInstance(request.caller.accountId, dbInstanceId);
  if (!db) throw dbInstanceNotFound(dbInstanceId);
  return {
    Items: {
      DBInstanceIPArray: [
        {
          DBInstanceIPArrayName: "default",
          DBInstanceIPArrayAttribute: "",
          SecurityIPList: store.securityIps(db.dbInstanceId).join(","),
        },
      ],
    },
  };
};
