import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";
import { parseAllDocuments } from "yaml";
import { DEFAULT_GATEWAY_PORT, GATEWAY_SETTINGS, parseGatewayCommand } from "../../src/server/config/gateway-config.parser";
import { LIVENESS_PATH, READINESS_PATH } from "../../src/server/http/health.routes";
import { DEFAULT_METRICS_PORT, METRICS_PATH } from "../../src/server/metrics/metrics.config";
import { REPO_ROOT } from "../support/repo-paths";

const ROOT = REPO_ROOT;
const MANIFESTS = path.join(ROOT, "deploy/kubernetes");

interface ContainerPort {
  name: string;
  containerPort: number;
}
interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  ports: ContainerPort[];
  env: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe: Probe;
  readinessProbe: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  securityContext?: { allowPrivilegeEscalation?: boolean };
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: Record<string, unknown>;
}

function loadManifests(): Manifest[] {
  return readdirSync(MANIFESTS)
    .filter((file) => file.endsWith(".yaml"))
    .flatMap((file) =>
      parseAllDocuments(readFileSync(path.join(MANIFESTS, file), "utf8")).map((document) => {
        assert.deepEqual(document.errors, [], file);
        return document.toJS() as Manifest;
      }),
    );
}

function only(manifests: Manifest[], kind: string): Manifest {
  const found = manifests.filter((manifest) => manifest.kind === kind);
  assert.equal(found.length, 1, `one ${kind}`);
  return found[0]!;
}

describe("deploy/kubernetes and the Dockerfile agree with the code", () => {
  const manifests = loadManifests();
  const deployment = only(manifests, "Deployment");
  const pod = deployment.spec.template as {
    metadata: { labels: Record<string, string> };
    spec: { containers: Container[]; terminationGracePeriodSeconds: number; securityContext: { runAsNonRoot: boolean } };
  };
  const [container, ...sidecars] = pod.spec.containers;
  const env = Object.fromEntries(container!.env.map((entry) => [entry.name, entry.value ?? "from-a-secret"]));
  const portNamed = (name: string | number) =>
    typeof name === "number" ? name : container!.ports.find((port) => port.name === name)?.containerPort;

  test("Deployment: the image of this package, probes on the code's paths and ports, resource requests, non-root", () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
    assert.equal(sidecars.length, 0);
    assert.equal(container!.image, `${pkg.name}:${pkg.version}`);
    assert.equal(deployment.apiVersion, "apps/v1");
    assert.equal(portNamed("http"), Number(env.PORT ?? DEFAULT_GATEWAY_PORT));
    assert.equal(portNamed("http"), DEFAULT_GATEWAY_PORT);
    assert.equal(portNamed("metrics"), Number(env[GATEWAY_SETTINGS.metricsPort.env]));
    assert.equal(portNamed("metrics"), DEFAULT_METRICS_PORT);
    assert.equal(container!.livenessProbe.httpGet.path, LIVENESS_PATH);
    assert.equal(portNamed(container!.livenessProbe.httpGet.port), DEFAULT_GATEWAY_PORT);
    assert.equal(container!.readinessProbe.httpGet.path, READINESS_PATH);
    assert.equal(portNamed(container!.readinessProbe.httpGet.port), DEFAULT_GATEWAY_PORT);
    assert.equal(container!.startupProbe?.httpGet.path, LIVENESS_PATH);
    assert.ok(container!.resources.requests?.cpu && container!.resources.requests.memory, "cpu and memory requests");
    assert.ok(pod.spec.securityContext.runAsNonRoot);
    assert.equal(container!.securityContext?.allowPrivilegeEscalation, false);
    const annotations = (deployment.spec.template as { metadata: { annotations: Record<string, string> } }).metadata.annotations;
    assert.equal(Number(annotations["prometheus.io/port"]), DEFAULT_METRICS_PORT);
    assert.equal(annotations["prometheus.io/path"], METRICS_PATH);
    assert.deepEqual((deployment.spec.selector as { matchLabels: Record<string, string> }).matchLabels, pod.metadata.labels);
  });

  test("its environment is a valid configuration, and the drain fits in the termination grace period", () => {
    const command = parseGatewayCommand(env, []);
    assert.equal(command.kind, "start");
    if (command.kind !== "start") return;
    assert.equal(command.config.port, DEFAULT_GATEWAY_PORT);
    assert.deepEqual(command.config.telemetry?.metrics.exposure, "separate");
    const preStopMs = (container!.lifecycle?.preStop?.sleep?.seconds ?? 0) * 1000;
    assert.ok(
      preStopMs + command.config.shutdownTimeoutMs! < pod.spec.terminationGracePeriodSeconds * 1000,
      "preStop + shutdown timeout < grace period",
    );
  });

  test("Service and PodDisruptionBudget select the Deployment's pods; the Service targets named container ports", () => {
    const service = only(manifests, "Service");
    assert.deepEqual(service.spec.selector, pod.metadata.labels);
    for (const port of service.spec.ports as Array<{ name: string; targetPort: string }>)
      assert.ok(portNamed(port.targetPort) !== undefined, port.name);
    const budget = only(manifests, "PodDisruptionBudget");
    assert.equal(budget.apiVersion, "policy/v1");
    assert.deepEqual((budget.spec.selector as { matchLabels: Record<string, string> }).matchLabels, pod.metadata.labels);
    assert.ok((budget.spec.minAvailable as number) < (deployment.spec.replicas as number), "a node drain can evict one pod at a time");
  });

  test("Dockerfile: multi-stage, the commands .ci/run proves, production dependencies only, non-root, HEALTHCHECK on the liveness path", () => {
    const dockerfile = readFileSync(path.join(ROOT, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
    const instructions = dockerfile
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== "" && !line.startsWith("#"));
    const stages = instructions.flatMap((line, index) => (line.startsWith("FROM ") ? [index] : []));
    assert.ok(stages.length >= 2, "multi-stage");
    const runtime = instructions.slice(stages.at(-1));
    const build = instructions.slice(0, stages.at(-1));
    const ci = readFileSync(path.join(ROOT, ".ci/run"), "utf8");
    assert.match(ci, /^npm ci$/m);
    assert.match(ci, /^npm test$/m);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    assert.ok(pkg.scripts.test!.startsWith(pkg.scripts.build!), "npm test starts with the build");
    assert.ok(build.includes("RUN npm ci"));
    assert.ok(build.includes("RUN npm run build"));
    assert.ok(build.includes("RUN npm prune --omit=dev"));
    assert.ok(!runtime.some((line) => /^RUN npm (ci|install)/.test(line)), "no install in the runtime stage");
    const user = runtime.filter((line) => line.startsWith("USER ")).at(-1);
    assert.ok(user !== undefined && !/^USER (root|0)(:|$)/.test(user), "runs as a non-root user");
    const healthcheck = runtime.find((line) => line.startsWith("HEALTHCHECK "));
    assert.ok(healthcheck?.includes(`${LIVENESS_PATH}'`), healthcheck);
    assert.ok(healthcheck?.includes(String(DEFAULT_GATEWAY_PORT)));
    const exposed = runtime
      .find((line) => line.startsWith("EXPOSE "))
      ?.split(/\s+/)
      .slice(1)
      .map(Number);
    assert.deepEqual(exposed, [DEFAULT_GATEWAY_PORT, DEFAULT_METRICS_PORT]);
    const imageEnv = Object.fromEntries(
      runtime
        .filter((line) => line.startsWith("ENV "))
        .flatMap((line) =>
          line
            .split(/\s+/)
            .slice(1)
            .map((pair) => pair.split("=")),
        ),
    );
    assert.deepEqual(imageEnv, {
      NODE_ENV: "production",
      HOST: "0.0.0.0",
      PORT: String(DEFAULT_GATEWAY_PORT),
      [GATEWAY_SETTINGS.metricsPort.env]: String(DEFAULT_METRICS_PORT),
    });
    assert.equal(parseGatewayCommand(imageEnv, []).kind, "start");
    // The image starts the gateway with the same node flags as `npm start` (docs/performance.md, "Young generation").
    const startFlags = /\bnode ((?:--\S+ )*)dist\/src\/server\/main\.js$/.exec(pkg.scripts.start!)?.[1]?.trim().split(" ") ?? [];
    assert.equal(
      runtime.at(-1),
      `CMD ${JSON.stringify(["node", ...startFlags.filter((flag) => flag !== ""), "dist/src/server/main.js"]).replaceAll(",", ", ")}`,
    );
  });
});
