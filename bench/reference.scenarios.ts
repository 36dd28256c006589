import { benchAccessFiles } from "./bench-access";

/** The benchmarks' reference queries, run against the demo world (docs/demo-world.md, docs/performance.md). */
export interface Scenario {
  name: string;
  what: string;
  body: string;
  /** Checked once before measuring, so a broken scenario is not timed. */
  expect: (response: unknown) => boolean;
}

const REGION = "cn-hangzhou";
const DEMO_KEY_ID = "LTAI5tDemoAccessKey0001";
const DEMO_KEY_SECRET = "demo-secret-0001-do-not-use-in-prod";

/** `i-demo-NNNN` IDs from `first` on: Running PostPaid vpc instances of the demo world (docs/demo-world.md). */
function demoInstanceIds(first: number, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `i-demo-${String(first + index).padStart(4, "0")}`);
}

function graphqlBody(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

export const scenarios: Scenario[] = [
  {
    name: "group-read",
    what: "scalingGroup with capacities (1 DescribeScalingGroups)",
    body: graphqlBody(
      "query Group($r: String!, $id: ID!) { scalingGroup(regionId: $r, id: $id) { id name lifecycleState minSize maxSize totalCapacity } }",
      { r: REGION, id: "asg-demo-web" },
    ),
    expect: (response) => JSON.stringify(response).includes("asg-demo-web"),
  },
  {
    name: "preflight-20",
    what: "attachPreflight of 20 instances (one attach batch)",
    body: graphqlBody(
      "query Preflight($r: String!, $g: ID!, $ids: [ID!]!) { attachPreflight(regionId: $r, scalingGroupId: $g, instanceIds: $ids) { canAttach instances { instanceId eligible blockers { __typename ... on UserFacingError { code } } } } }",
      { r: REGION, g: "asg-demo-api", ids: demoInstanceIds(101, 20) },
    ),
    expect: (response) => JSON.stringify(response).includes('"canAttach"'),
  },
  {
    name: "eligibility-100",
    what: "instances(100) with attachEligibility against one group",
    body: graphqlBody(
      "query Eligibility($r: String!, $g: ID!, $ids: [ID!]!) { instances(regionId: $r, ids: $ids) { id status attachEligibility(scalingGroupId: $g) { eligible blockers { __typename ... on UserFacingError { code } } } } }",
      { r: REGION, g: "asg-demo-batch", ids: demoInstanceIds(1, 100) },
    ),
    expect: (response) => JSON.stringify(response).includes('"eligible"'),
  },
  {
    name: "attach-invalid-input",
    what: "attachInstances refused by class-validator (no upstream call)",
    body: graphqlBody(
      "mutation Attach($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename ... on InputValidationError { issues { path constraint } } } }",
      {
        input: {
          regionId: REGION,
          scalingGroupId: "asg-demo-web",
          instances: [{ instanceId: "i-demo-0101", loadBalancerWeight: 101 }],
        },
      },
    ),
    expect: (response) => JSON.stringify(response).includes("InputValidationError"),
  },
  {
    name: "attach-typed-error",
    what: "attachInstances to an Inactive group (typed IncorrectScalingGroupStatus)",
    body: graphqlBody(
      "mutation Attach($input: AttachInstancesInput!) { attachInstances(input: $input) { __typename ... on UserFacingError { code message requestId } } }",
      {
        input: {
          regionId: REGION,
          scalingGroupId: "asg-demo-inactive",
          instances: [{ instanceId: "i-demo-0101" }],
        },
      },
    ),
    expect: (response) => JSON.stringify(response).includes("IncorrectScalingGroupStatus"),
  },
];

/** Instance counts of the eligibility-vs-preflight pairs (`instances(ids)` takes at most 100). */
export const PAIR_SIZES = [10, 25, 50, 100] as const;

/**
 * Pairs that ask the same thing two ways, for the same group and the same N instances: N
 * `attachEligibility` fields (`pair-eligibility-N`) and one `attachPreflight` of the N
 * (`pair-preflight-N`). Both make the same upstream calls, so the ratio of their CPU is the cost of
 * answering per field, and the eligibility cost against N shows whether it grows linearly.
 */
export const pairScenarios: Scenario[] = PAIR_SIZES.flatMap((size): Scenario[] => {
  const ids = demoInstanceIds(1, size);
  return [
    {
      name: `pair-eligibility-${size}`,
      what: `instances(${size}) with attachEligibility against one group`,
      body: graphqlBody(
        "query Eligibility($r: String!, $g: ID!, $ids: [ID!]!) { instances(regionId: $r, ids: $ids) { id attachEligibility(scalingGroupId: $g) { eligible blockers { __typename ... on UserFacingError { code } } } } }",
        { r: REGION, g: "asg-demo-batch", ids },
      ),
      expect: (response) => JSON.stringify(response).includes('"eligible"'),
    },
    {
      name: `pair-preflight-${size}`,
      what: `attachPreflight of the same ${size} instances against the same group`,
      body: graphqlBody(
        "query Preflight($r: String!, $g: ID!, $ids: [ID!]!) { attachPreflight(regionId: $r, scalingGroupId: $g, instanceIds: $ids) { instances { instanceId eligible blockers { __typename ... on UserFacingError { code } } } } }",
        { r: REGION, g: "asg-demo-batch", ids },
      ),
      expect: (response) => JSON.stringify(response).includes('"eligible"'),
    },
  ];
});

/**
 * The environment of a gateway child in its Alibaba Cloud mode pointed at the emulator at
 * `emulatorUrl` (real signatures over HTTP), with the demo world's primary key.
 */
export function gatewayEnvOver(emulatorUrl: string): Record<string, string> {
  const endpoint = emulatorUrl.replace("http://", "");
  const access = benchAccessFiles(REGION);
  return {
    ESS_GATEWAY_AUTH_API_KEYS_FILE: access.keys,
    ESS_GATEWAY_POLICY_FILE: access.policy,
    PORT: "0",
    ESS_GATEWAY_LOG_LEVEL: "warn",
    ESS_GATEWAY_UPSTREAM: "aliyun",
    ESS_GATEWAY_REGION: REGION,
    ESS_GATEWAY_PROTOCOL: "http",
    ESS_GATEWAY_ESS_ENDPOINT: endpoint,
    ESS_GATEWAY_ECS_ENDPOINT: endpoint,
    ESS_GATEWAY_SLB_ENDPOINT: endpoint,
    ESS_GATEWAY_RDS_ENDPOINT: endpoint,
    ESS_GATEWAY_ACCESS_KEY_ID: DEMO_KEY_ID,
    ESS_GATEWAY_ACCESS_KEY_SECRET: DEMO_KEY_SECRET,
    // One load generator is one caller: the per-caller rate limits would measure themselves.
    ESS_GATEWAY_RATE_LIMIT_REQUESTS: "0",
    ESS_GATEWAY_RATE_LIMIT_UPSTREAM_CALLS: "0",
  };
}
