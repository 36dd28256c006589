/**
 * Summarises V8 `.cpuprofile` files (from `node --cpu-prof`) by where the self time went: npm
 * package, project file, Node internals, GC, idle. Used with the benchmark:
 *
 *   BENCH_GATEWAY_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof-gw" npm run bench
 *   node dist/bench/cpu-profile.summary.js /tmp/prof-gw/*.cpuprofile
 *
 * Options (environment): PROFILE_TOP (rows per table, default 25).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The bucket a frame's self time counts towards: `pkg:<name>`, `src/<file>`, `node:<module>` or a V8 pseudo-frame. */
function bucketOf(url: string, functionName: string): string {
  if (url === "") return `(${functionName || "native"})`;
  const modulesAt = url.lastIndexOf("node_modules/");
  if (modulesAt >= 0) {
    const rest = url.slice(modulesAt + "node_modules/".length).split("/");
    return `pkg:${rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith("node:")) return url;
  const distAt = url.indexOf("/dist/");
  if (distAt >= 0) return url.slice(distAt + "/dist/".length);
  return path.basename(url);
}

/** The first frame from the leaf up that is npm package or project code; GC and idle stay as they are. */
function ownerOf(nodeId: number, nodes: Map<number, ProfileNode>, parents: Map<number, number>): string {
  const leaf = nodes.get(nodeId)?.callFrame;
  if (leaf && leaf.url === "" && leaf.functionName.startsWith("(") && leaf.functionName !== "(program)") return leaf.functionName;
  for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
    const frame = nodes.get(id)?.callFrame;
    if (!frame || frame.url === "" || frame.url.startsWith("node:")) continue;
    const bucket = bucketOf(frame.url, frame.functionName);
    return bucket.startsWith("pkg:") ? bucket : `project ${bucket.split("/").slice(0, 2).join("/")}`;
  }
  return leaf?.url.startsWith("node:") ? "node (no package above)" : `(${leaf?.functionName || "native"})`;
}

function addTo(totals: Map<string, number>, key: string, micros: number): void {
  totals.set(key, (totals.get(key) ?? 0) + micros);
}

function printTable(title: string, totals: Map<string, number>, busyMicros: number, top: number): void {
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  process.stdout.write(`\n${title}\n\n| self ms | % of busy | where |\n| ---: | ---: | --- |\n`);
  for (const [key, micros] of rows) {
    process.stdout.write(`| ${(micros / 1000).toFixed(0)} | ${((100 * micros) / busyMicros).toFixed(1)} | ${key} |\n`);
  }
}

function main(): void {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write("usage: node dist/bench/cpu-profile.summary.js <file.cpuprofile>...\n");
    process.exitCode = 2;
    return;
  }
  const top = Number(process.env.PROFILE_TOP ?? 25);
  const byBucket = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byOwner = new Map<string, number>();
  let idleMicros = 0;
  let totalMicros = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parents = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
    profile.samples.forEach((nodeId, index) => {
      const micros = profile.timeDeltas[index] ?? 0;
      const node = nodes.get(nodeId);
      if (node === undefined) return;
      totalMicros += micros;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === "(idle)") {
        idleMicros += micros;
        return;
      }
      const bucket = bucketOf(url, functionName);
      addTo(byBucket, bucket, micros);
      addTo(byFunction, `${functionName || "(anonymous)"} ${bucket}:${lineNumber + 1}`, micros);
      // Inclusive: every bucket on the stack once, so native work (socket writes, hashing, GC
      // excepted) is charged to the packages and files that asked for it.
      const seen = new Set<string>();
      for (let id: number | undefined = nodeId; id !== undefined; id = parents.get(id)) {
        const frame = nodes.get(id)?.callFrame;
        if (frame && frame.url !== "") seen.add(bucketOf(frame.url, frame.functionName));
      }
      for (const key of seen) addTo(inclusive, key, micros);
      addTo(byOwner, ownerOf(nodeId, nodes, parents), micros);
    });
  }
  const busyMicros = totalMicros - idleMicros;
  process.stdout.write(
    `profiles: ${files.length}; sampled ${(totalMicros / 1e6).toFixed(1)} s, busy ${(busyMicros / 1e6).toFixed(1)} s, idle ${(idleMicros / 1e6).toFixed(1)} s\n`,
  );
  printTable("Self time by package / file", byBucket, busyMicros, top);
  printTable("Self time by function", byFunction, busyMicros, top);
  printTable(
    "Self time by owner (Node internals and native calls charged to the nearest package or project file that called them)",
    byOwner,
    busyMicros,
    top,
  );
  printTable("Inclusive time by package / file (each once per sample)", inclusive, busyMicros, top);
}

main();
