import type { Product } from "../emulator-core.types";
import type { ActionFactory } from "./action.context";
import { describeInstancesAction } from "./ecs-describe-instances.action";
import { describeSecurityGroupsAction } from "./ecs-describe-security-groups.action";
import { attachInstancesAction } from "./ess-attach-instances.action";
import { describeScalingActivitiesAction } from "./ess-describe-scaling-activities.action";
import { describeScalingConfigurationsAction } from "./ess-describe-scaling-configurations.action";
import { describeScalingGroupsAction } from "./ess-describe-scaling-groups.action";
import { describeScalingInstancesAction } from "./ess-describe-scaling-instances.action";
import { detachInstancesAction } from "./ess-detach-instances.action";
import { completeLifecycleActionAction, describeLifecycleActionsAction, describeLifecycleHooksAction } from "./ess-lifecycle-hooks.action";
import { describeDbInstanceAttributeAction, describeDbInstanceIpArrayListAction } from "./rds-describe-db-instance.action";
import { describeLoadBalancerAttributeAction } from "./slb-describe-load-balancer-attribute.action";
import { assumeRoleAction } from "./sts-assume-role.action";

/** Every action the emulator serves, per product (docs/wire-contract.md). */
export const ACTIONS: Readonly<Record<Product, Readonly<Record<string, ActionFactory>>>> = {
  Ess: {
    AttachInstances: attachInstancesAction,
    DetachInstances: detachInstancesAction,
    DescribeScalingGroups: describeScalingGroupsAction,
    DescribeScalingInstances: describeScalingInstancesAction,
    DescribeScalingActivities: describeScalingActivitiesAction,
    DescribeScalingConfigurations: describeScalingConfigurationsAction,
    DescribeLifecycleHooks: describeLifecycleHooksAction,
    DescribeLifecycleActions: describeLifecycleActionsAction,
    CompleteLifecycleAction: completeLifecycleActionAction,
  },
  Ecs: {
    DescribeInstances: describeInstancesAction,
    DescribeSecurityGroups: describeSecurityGroupsAction,
  },
  Slb: {
    DescribeLoadBalancerAttribute: describeLoadBalancerAttributeAction,
  },
  Rds: {
    DescribeDBInstanceAttribute: describeDbInstanceAttributeAction,
    DescribeDBInstanceIPArrayList: describeDbInstanceIpArrayListAction,
  },
  Sts: {
    AssumeRole: assumeRoleAction,
  },
};
