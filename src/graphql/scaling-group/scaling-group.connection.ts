import { createConnectionType } from "../common/relay/connection.type";
import { ScalingGroup } from "./scaling-group.type";

export const { Connection: ScalingGroupConnection } = createConnectionType("ScalingGroup", ScalingGroup, "scaling groups");
