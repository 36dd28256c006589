/**
 * The operations the IDE opens with, one tab each, written against the demo world
 * (docs/demo-world.md) that `npm start` serves by default. They are plain data so that test/ide
 * validates every one of them against the gateway's built schema: an example that drifts from the
 * schema fails the suite.
 */
export interface ExampleOperation {
  /** What the tab demonstrates; also the name the tests use for it. */
  title: string;
  query: string;
  variables: Record<string, unknown>;
}

export const EXAMPLE_OPERATIONS: readonly ExampleOperation[] = [
  {
    title: "Read a scaling group",
    query: `# Read a scaling group: capacities, configuration, load balancers
# and members. Press the run button (or Ctrl+Enter). The docs
# explorer (book icon, left) shows every type and field.
query ReadScalingGroup($regionId: String!, $id: ID!) {
  scalingGroup(regionId: $regionId, id: $id) {
    id
    name
    lifecycleState
    minSize
    maxSize
    desiredCapacity
    totalCapacity
    hasActivityInProgress
    activeScalingConfiguration {
      id
      instanceTypes
      securityGroupId
    }
    loadBalancers {
      id
      status
      healthCheckEnabled
    }
    instances(first: 10) {
      totalCount
      nodes {
        instanceId
        lifecycleState
        creationType
        weight
      }
    }
  }
}
`,
    variables: { regionId: "cn-hangzhou", id: "asg-demo-web" },
  },
  {
    title: "Check eligibility",
    query: `# Would attaching these instances be accepted now? Nothing
# changes. In the demo world i-demo-0030 is free and i-demo-0151 is
# Stopped, so expect one blocker.
query CheckAttachEligibility($regionId: String!, $scalingGroupId: ID!, $instanceIds: [ID!]!) {
  attachPreflight(regionId: $regionId, scalingGroupId: $scalingGroupId, instanceIds: $instanceIds) {
    canAttach
    attachedInstanceIds
    groupBlockers {
      __typename
      ... on UserFacingError {
        code
        message
      }
    }
    instances {
      instanceId
      eligible
      blockers {
        __typename
        ... on UserFacingError {
          code
          message
        }
      }
    }
  }
}
`,
    variables: { regionId: "cn-hangzhou", scalingGroupId: "asg-demo-batch", instanceIds: ["i-demo-0030", "i-demo-0151"] },
  },
  {
    title: "Attach instances",
    query: `# Attach two running instances. Success starts a scaling
# activity: copy its scalingActivityId into the WatchScalingActivity
# tab. Failures come back as typed data: each kind of failure has its
# own type with its own fields (the limit, the instance, the group),
# so a client can act on them without parsing messages. Every failure
# carries the clientToken to retry with (MutationError).
mutation AttachInstances($input: AttachInstancesInput!) {
  attachInstances(input: $input) {
    __typename
    ... on AttachInstancesSuccess {
      scalingActivityId
      clientToken
      requestId
      scalingActivity {
        id
        status
        progress
      }
      scalingGroup {
        id
        totalCapacity
        desiredCapacity
      }
    }
    ... on UserFacingError {
      code
      message
      requestId
    }
    ... on MutationError {
      clientToken
    }
    ... on InputValidationError {
      issues {
        path
        message
      }
    }
    ... on ScalingGroupError {
      scalingGroupId
    }
    ... on ScalingGroupNotFoundError {
      regionId
    }
    ... on ScalingGroupNotActiveError {
      lifecycleState
    }
    ... on MaxSizeExceededError {
      maxSize
      totalCapacity
      requested
    }
    ... on InstanceError {
      instanceId
    }
    ... on InstanceRegionMismatchError {
      scalingGroupRegionId
    }
    ... on InstanceVpcMismatchError {
      scalingGroupVpcId
    }
    ... on InstanceInUseError {
      currentScalingGroupId
    }
    ... on LoadBalancerError {
      scalingGroupId
      loadBalancerIds
      loadBalancerId
    }
    ... on DbInstanceError {
      scalingGroupId
      dbInstanceId
    }
    ... on SecurityGroupInstanceQuotaExceededError {
      scalingGroupId
      securityGroupId
    }
    ... on AttachOutcomeUnknownError {
      scalingGroupId
      instanceIds
      lastUpstreamCode
      retryable
    }
    ... on AccessDeniedError {
      operation
      scalingGroupId
    }
    ... on UpstreamError {
      httpStatus
      retryable
    }
  }
}
`,
    variables: {
      input: {
        regionId: "cn-hangzhou",
        scalingGroupId: "asg-demo-batch",
        instances: [
          { instanceId: "i-demo-0030", loadBalancerWeight: 50 },
          { instanceId: "i-demo-0031", loadBalancerWeight: 80 },
        ],
      },
    },
  },
  {
    title: "Watch the activity",
    query: `# Follow a scaling activity until it finishes (a subscription,
# over WebSocket). Put the scalingActivityId from the AttachInstances
# tab into the variables. asa-demo-busy-scaleout is a demo activity
# that stays in progress.
subscription WatchScalingActivity($regionId: String!, $id: ID!) {
  scalingActivityUpdates(regionId: $regionId, id: $id) {
    id
    status
    progress
    statusMessage
    startTime
    endTime
    attachedCapacity
  }
}
`,
    variables: { regionId: "cn-hangzhou", id: "asa-demo-busy-scaleout" },
  },
  {
    title: "Detach instances",
    query: `# Take an instance out of its scaling group: it stays Running and
# can be attached elsewhere. detachFromLoadBalancersAndDatabases also
# removes it from the group's load balancer and DB whitelist. Failures
# (MinSize, not a member, ...) come back as typed data; detachPreflight
# and ScalingInstance.detachEligibility tell the same before calling.
mutation DetachInstances($input: DetachInstancesInput!) {
  detachInstances(input: $input) {
    __typename
    ... on DetachInstancesSuccess {
      scalingActivityId
      clientToken
      scalingActivity {
        id
        status
        progress
      }
      scalingGroup {
        id
        totalCapacity
        desiredCapacity
      }
    }
    ... on UserFacingError {
      code
      message
      requestId
    }
    ... on MinSizeBreachedError {
      minSize
      totalCapacity
      requested
    }
    ... on InputValidationError {
      issues {
        path
        message
      }
    }
  }
}
`,
    variables: {
      input: {
        regionId: "cn-hangzhou",
        scalingGroupId: "asg-demo-web",
        instanceIds: ["i-demo-0003"],
        detachFromLoadBalancersAndDatabases: true,
      },
    },
  },
];
