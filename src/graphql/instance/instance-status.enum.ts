import { registerEnumType } from "type-graphql";
import { type UnknownValueReporter, providerEnumValue, UNKNOWN_ENUM_VALUE_DESCRIPTION } from "../common/provider-enum.mapper";

/** ECS instance status. Only RUNNING instances can be attached to a scaling group. */
export enum InstanceStatus {
  PENDING = "PENDING",
  STARTING = "STARTING",
  RUNNING = "RUNNING",
  STOPPING = "STOPPING",
  STOPPED = "STOPPED",
  UNKNOWN = "UNKNOWN",
}

registerEnumType(InstanceStatus, {
  name: "InstanceStatus",
  description: "ECS instance status (`Status`). Only `RUNNING` instances can be attached to a scaling group.",
  valuesConfig: {
    PENDING: { description: "Being created." },
    STARTING: { description: "Starting." },
    RUNNING: { description: "Running." },
    STOPPING: { description: "Stopping." },
    STOPPED: { description: "Stopped." },
    UNKNOWN: { description: UNKNOWN_ENUM_VALUE_DESCRIPTION },
  },
});

const FROM_ECS = {
  Pending: InstanceStatus.PENDING,
  Starting: InstanceStatus.STARTING,
  Running: InstanceStatus.RUNNING,
  Stopping: InstanceStatus.STOPPING,
  Stopped: InstanceStatus.STOPPED,
} as const satisfies Record<string, InstanceStatus>;

/** Maps ECS `Status`; an unknown value is `UNKNOWN`. */
export function instanceStatusFrom(value: string, report: UnknownValueReporter): InstanceStatus {
  return providerEnumValue(FROM_ECS, value, "ECS instance Status", InstanceStatus.UNKNOWN, report);
}
