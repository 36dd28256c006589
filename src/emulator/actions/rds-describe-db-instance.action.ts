import type { ActionRequest } from "../emulator-core.types";
import type { EmulatorStore } from "../store/emulator.store";
import type { DbInstanceRow } from "../store/store.rows";
import type { ActionFactory } from "./action.context";
import { dbInstanceNotFound } from "./action.errors";
import { requiredString } from "./action.params";

/** The caller's DB instance named by `DBInstanceId`; another account's is 404 `InvalidDBInstanceId.NotFound`. */
function callerDbInstance(store: EmulatorStore, request: ActionRequest): DbInstanceRow {
  const dbInstanceId = requiredString(request.params, "DBInstanceId");
  const db = store.dbInstance(request.caller.accountId, dbInstanceId);
  if (!db) throw dbInstanceNotFound(dbInstanceId);
  return db;
}

/**
 * RDS DescribeDBInstanceAttribute. Another account's instance is 404
 * `InvalidDBInstanceId.NotFound`. `SecurityIPQuota` is an emulator extension.
 */
export const describeDbInstanceAttributeAction: ActionFactory = ({ store }) => (request) => {
  const db = callerDbInstance(store, request);
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
  const db = callerDbInstance(store, request);
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
