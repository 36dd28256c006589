/**
 * The operations the IDE opens with, one tab each, written against the demo world
 * (docs/demo-world.md). They are plain data so that test/ide validates every one of them against
 * the gateway's built schema: an example that drifts from the schema fails the suite.
 */
export interface ExampleOperation {
  /** What the tab demonstrates; also the test's name for it. */
  title: string;
  query: string;
  variables: Record<string, unknown>;
}

export const EXAMPLE_OPERATIONS: readonly ExampleOperation[] = [
  {
    title: "Read a scaling group",
    query: `# PLACEHOLDER until the schema exists
query ReadScalingGroup {
  __typename
}
`,
    variables: {},
  },
];
