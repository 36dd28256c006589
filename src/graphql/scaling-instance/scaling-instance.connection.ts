import { createConnectionType } from "../common/relay/connection.type";
import { ScalingInstance } from "./scaling-instance.type";

export const { Connection: ScalingInstanceConnection, Edge: ScalingInstanceEdge } = createConnectionType(
  "ScalingInstance",
  ScalingInstance,
  "a scaling group's instances",
);
