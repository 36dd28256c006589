import type { RunningGateway } from "./gateway";
import { GATEWAY_SETTINGS } from "./config/gateway-config.parser";
import { DEMO_API_KEY } from "./auth/demo-api-key";

/**
 * The human-readable block `npm start` prints once the gateway listens: where it listens, what it
 * talks to, and how to switch to Alibaba Cloud (or back).
 */
export function startupBanner(
  gateway: Pick<RunningGateway, "url" | "upstreamDescription"> &
    Partial<Pick<RunningGateway, "ideUrl" | "metricsUrl" | "authenticationEnabled" | "demoApiKeyActive" | "sharedRedis">>,
): string {
  const upstream = gateway.upstreamDescription;
  const lines = ["", "ESS GraphQL gateway is running", "", `  GraphQL endpoint   ${gateway.url}`];
  if (gateway.ideUrl) lines.push(`  GraphQL IDE        ${gateway.ideUrl}   (open it in a browser; docs/ide.md)`);
  if (gateway.metricsUrl) lines.push(`  Metrics            ${gateway.metricsUrl}   (Prometheus; docs/operations.md)`);
  // With authentication on, every example carries a credential: the demo key when it works here.
  const demoKey = gateway.demoApiKeyActive?.() === true;
  const credentialHeader = gateway.authenticationEnabled
    ? ` -H 'authorization: Bearer ${demoKey ? DEMO_API_KEY : "<token or API key>"}'`
    : "";
  if (gateway.authenticationEnabled) {
    lines.push(`  Authentication     on: send Authorization: Bearer <OIDC token or API key> (docs/security.md)`);
    if (demoKey) lines.push(`  Demo API key       ${DEMO_API_KEY}   (examples/access/; emulator mode only)`);
  }
  const env = (name: keyof typeof GATEWAY_SETTINGS) => GATEWAY_SETTINGS[name].env;
  // Already redacted (redactRedisUrl): the password never reaches the terminal.
  if (gateway.sharedRedis) lines.push(`  Shared state       Redis at ${gateway.sharedRedis}   (replicas; docs/scaling.md)`);
  switch (upstream.kind) {
    case "emulator":
      lines.push(
        `  Upstream           the embedded ESS/ECS emulator at ${upstream.url}`,
        `                     (${upstream.world}, region ${upstream.regionId}, state in ${upstream.dbPath})`,
        "",
        "  Try it:",
        `    curl -s ${gateway.url} -H 'content-type: application/json'${credentialHeader} \\`,
        `      --data '{"query":"{ scalingGroup(regionId: \\"${upstream.regionId}\\", id: \\"${upstream.exampleScalingGroupId ?? "<asg-id>"}\\") { id name totalCapacity maxSize } }"}'`,
        "    (the demo world's IDs are listed in docs/demo-world.md; docs/graphql-api.md shows attachInstances)",
        "",
        "  Switch to Alibaba Cloud:",
        `    ${env("upstream")}=aliyun ${env("region")}=cn-hangzhou \\`,
        "    ALIBABA_CLOUD_ACCESS_KEY_ID=<id> ALIBABA_CLOUD_ACCESS_KEY_SECRET=<secret> npm start",
        "    (credentials: any source of the Alibaba Cloud default credential chain, or",
        `    ${env("accessKeyId")} / ${env("accessKeySecret")}; all settings in docs/configuration.md)`,
      );
      break;
    case "aliyun":
      lines.push(
        `  Upstream           Alibaba Cloud, region ${upstream.regionId}`,
        `                     ESS ${upstream.endpoints.ess}  ECS ${upstream.endpoints.ecs}  SLB ${upstream.endpoints.slb}  RDS ${upstream.endpoints.rds}`,
        `                     credentials: ${upstream.credentials === "accessKey" ? `explicit AccessKey (${env("accessKeyId")})` : "the default credential chain"}; signature ${upstream.signatureVersion}`,
        "",
        `  Back to the embedded emulator: unset ${env("upstream")} (or set it to emulator).`,
      );
      break;
    default: {
      const unreachable: never = upstream;
      return unreachable;
    }
  }
  lines.push("", "  Stop with Ctrl+C.", "");
  return lines.join("\n");
}
