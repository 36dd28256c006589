/**
 * A strict parser of the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/), for tests: anything a real
 * scraper could reject or misread throws, including what lenient parsers let through (a sample
 * before its TYPE, a family split in two, duplicate series, non-cumulative buckets, a histogram
 * whose +Inf bucket differs from its count, a missing final newline).
 */
export type MetricType = "counter" | "gauge" | "histogram" | "summary" | "untyped";

export interface Sample {
  name: string;
  labels: Readonly<Record<string, string>>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES: readonly MetricType[] = ["counter", "gauge", "histogram", "summary", "untyped"];
const SUFFIXES: Readonly<Record<MetricType, readonly string[]>> = {
  counter: [""],
  gauge: [""],
  untyped: [""],
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  if (text.length > 0 && !text.endsWith("\n")) throw new Error("the exposition does not end with a newline");
  const families = new Map<string, MetricFamily>();
  const closed = new Set<string>();
  const seriesSeen = new Set<string>();
  let current: MetricFamily | undefined;
  const lines = text.split("\n").slice(0, -1);
  lines.forEach((line, index) => {
    const where = `line ${index + 1} (${JSON.stringify(line.slice(0, 80))})`;
    if (line.trim() === "") return;
    const meta = /^#\s*(HELP|TYPE)\s+(\S+)(?:\s(.*))?$/.exec(line);
    if (meta) {
      const [, kind, name, rest = ""] = meta as unknown as [string, "HELP" | "TYPE", string, string | undefined];
      if (!METRIC_NAME.test(name)) throw new Error(`${where}: bad metric name`);
      let family = families.get(name);
      if (family === undefined) {
        if (current !== undefined) closed.add(current.name);
        if (closed.has(name)) throw new Error(`${where}: family ${name} appears twice`);
        family = { name, type: "untyped", help: "", samples: [] };
        families.set(name, family);
        (family as MetricFamily & { typed?: boolean; helped?: boolean }).typed = false;
      } else if (family !== current) {
        throw new Error(`${where}: family ${name} is not contiguous`);
      }
      current = family;
      const flags = family as MetricFamily & { typed?: boolean; helped?: boolean };
      if (kind === "TYPE") {
        if (flags.typed) throw new Error(`${where}: second TYPE for ${name}`);
        if (family.samples.length > 0) throw new Error(`${where}: TYPE after samples of ${name}`);
        if (!(TYPES as readonly string[]).includes(rest.trim())) throw new Error(`${where}: unknown type ${JSON.stringify(rest)}`);
        family.type = rest.trim() as MetricType;
        flags.typed = true;
      } else {
        if (flags.helped) throw new Error(`${where}: second HELP for ${name}`);
        family.help = unescape(rest, false, where);
        flags.helped = true;
      }
      return;
    }
    if (line.startsWith("#")) return; // a plain comment
    const sample = parseSample(line, where);
    const family = familyOf(sample.name, current);
    if (family === undefined)
      throw new Error(`${where}: sample ${sample.name} outside its family (no TYPE/HELP before it, or another family in between)`);
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (seriesSeen.has(key)) throw new Error(`${where}: duplicate series`);
    seriesSeen.add(key);
    if ((family.type === "counter" || sample.name.endsWith("_count") || sample.name.endsWith("_bucket")) && !(sample.value >= 0)) {
      throw new Error(`${where}: a counter or count is negative or NaN`);
    }
    family.samples.push(sample);
  });
  for (const family of families.values()) if (family.type === "histogram") checkHistogram(family);
  return families;
}

function familyOf(sampleName: string, current: MetricFamily | undefined): MetricFamily | undefined {
  if (current === undefined) return undefined;
  return SUFFIXES[current.type].some((suffix) => sampleName === current.name + suffix) ? current : undefined;
}

function parseSample(line: string, where: string): Sample {
  const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
  if (!nameMatch) throw new Error(`${where}: no metric name`);
  const name = nameMatch[0];
  let position = name.length;
  const labels: Record<string, string> = {};
  if (line[position] === "{") {
    position++;
    while (line[position] !== "}") {
      const labelMatch = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(position));
      if (!labelMatch || !LABEL_NAME.test(labelMatch[1]!)) throw new Error(`${where}: bad label at column ${position}`);
      position += labelMatch[0].length;
      let raw = "";
      for (;;) {
        const char = line[position];
        if (char === undefined) throw new Error(`${where}: unterminated label value`);
        if (char === "\\") {
          raw += char + (line[position + 1] ?? "");
          position += 2;
          continue;
        }
        if (char === '"') break;
        raw += char;
        position++;
      }
      position++;
      const labelName = labelMatch[1]!;
      if (labelName in labels) throw new Error(`${where}: label ${labelName} twice`);
      labels[labelName] = unescape(raw, true, where);
      if (line[position] === ",") position++;
      else if (line[position] !== "}") throw new Error(`${where}: expected , or } at column ${position}`);
    }
    position++;
  }
  const rest = line.slice(position);
  const valueMatch = /^ (\S+)(?: (-?\d+))?$/.exec(rest);
  if (!valueMatch) throw new Error(`${where}: expected " value [timestamp]"`);
  return { name, labels, value: parseValue(valueMatch[1]!, where) };
}

/** A value as Go's strconv.ParseFloat reads it (what the format specifies): infinities and NaN in any case. */
function parseValue(text: string, where: string): number {
  if (/^\+?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return Number.NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`${where}: ${JSON.stringify(text)} is not a number`);
  return Number(text);
}

function unescape(raw: string, quoted: boolean, where: string): string {
  return raw.replace(/\\(.)/g, (_match, char: string) => {
    if (char === "\\") return "\\";
    if (char === "n") return "\n";
    if (char === '"' && quoted) return '"';
    throw new Error(`${where}: bad escape \\${char}`);
  });
}

/** Buckets cumulative and ending in +Inf, +Inf equal to _count, and _sum present, per series. */
function checkHistogram(family: MetricFamily): void {
  const series = new Map<string, { buckets: Array<[number, number]>; sum?: number; count?: number }>();
  for (const sample of family.samples) {
    const { le, ...rest } = sample.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    const entry = series.get(key) ?? { buckets: [] };
    series.set(key, entry);
    if (sample.name.endsWith("_bucket")) {
      if (le === undefined) throw new Error(`${family.name}: a bucket without le`);
      entry.buckets.push([parseValue(le, family.name), sample.value]);
    } else if (le !== undefined) throw new Error(`${family.name}: le on ${sample.name}`);
    else if (sample.name.endsWith("_sum")) entry.sum = sample.value;
    else entry.count = sample.value;
  }
  for (const [key, entry] of series) {
    const where = `${family.name}${key}`;
    if (entry.sum === undefined || entry.count === undefined) throw new Error(`${where}: _sum or _count missing`);
    const last = entry.buckets.at(-1);
    if (last === undefined || last[0] !== Infinity) throw new Error(`${where}: no +Inf bucket last`);
    for (let index = 1; index < entry.buckets.length; index++) {
      const [previousLe, previousCount] = entry.buckets[index - 1]!;
      const [le, count] = entry.buckets[index]!;
      if (!(le > previousLe)) throw new Error(`${where}: buckets not in increasing le order`);
      if (count < previousCount) throw new Error(`${where}: buckets not cumulative`);
    }
    if (last[1] !== entry.count) throw new Error(`${where}: +Inf bucket ${last[1]} differs from _count ${entry.count}`);
  }
}

/** The value of one series, or undefined. */
export function sampleValue(
  families: Map<string, MetricFamily>,
  sampleName: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const family of families.values()) {
    for (const sample of family.samples) {
      if (sample.name !== sampleName) continue;
      const keys = Object.keys(sample.labels);
      if (keys.length === Object.keys(labels).length && keys.every((key) => sample.labels[key] === labels[key])) return sample.value;
    }
  }
  return undefined;
}

/** Every sample named `sampleName` (all series of a counter, or a histogram's `_count`s). */
export function samplesNamed(families: Map<string, MetricFamily>, sampleName: string): Sample[] {
  return [...families.values()].flatMap((family) => family.samples.filter((sample) => sample.name === sampleName));
}
