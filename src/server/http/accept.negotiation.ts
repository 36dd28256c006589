/**
 * Content negotiation over `Accept` and `Accept-Encoding`, with the rules Apollo Server and
 * Express use (the `negotiator` package's): a candidate takes the quality of the most specific
 * range that matches it, candidates of quality 0 are out, and the rest are ordered by quality,
 * then specificity, then the order of the header, then the order given.
 */

interface MediaRange {
  type: string;
  subtype: string;
  params: ReadonlyArray<[name: string, value: string]>;
  q: number;
  order: number;
}

interface Priority {
  q: number;
  specificity: number;
  order: number;
  candidate: number;
}

/** The candidate the `Accept` header prefers, or null when it accepts none. No header accepts anything: the first candidate. */
export function preferredMediaType<T extends string>(accept: string | undefined, candidates: readonly T[]): T | null {
  if (accept === undefined) return candidates[0] ?? null;
  const ranges = parseMediaRanges(accept);
  let best: Priority | null = null;
  for (let candidate = 0; candidate < candidates.length; candidate++) {
    const priority = mediaTypePriority(candidates[candidate]!, ranges, candidate);
    if (priority.q <= 0) continue;
    if (best === null || comparePriorities(priority, best) < 0) best = priority;
  }
  return best === null ? null : candidates[best.candidate]!;
}

/** Whether `Accept-Encoding` accepts `encoding` (no header: only `identity`). */
export function acceptsEncoding(acceptEncoding: string | undefined, encoding: string): boolean {
  let q = 0;
  let specificity = -1;
  for (const entry of (acceptEncoding ?? "").split(",")) {
    const [name = "", ...params] = entry.split(";");
    const coding = name.trim().toLowerCase();
    if (coding === "") continue;
    const entrySpecificity = coding === encoding ? 1 : coding === "*" ? 0 : -1;
    if (entrySpecificity < 0 || entrySpecificity < specificity) continue;
    const entryQ = qualityOf(params);
    if (entrySpecificity > specificity || entryQ > q) {
      specificity = entrySpecificity;
      q = entryQ;
    }
  }
  return q > 0;
}

function comparePriorities(a: Priority, b: Priority): number {
  return b.q - a.q || b.specificity - a.specificity || a.order - b.order || a.candidate - b.candidate;
}

function mediaTypePriority(candidate: string, ranges: readonly MediaRange[], index: number): Priority {
  const slash = candidate.indexOf("/");
  const type = candidate.slice(0, slash).toLowerCase();
  const subtype = candidate.slice(slash + 1).toLowerCase();
  let priority: Priority = { q: 0, specificity: 0, order: -1, candidate: index };
  for (const range of ranges) {
    let specificity = 0;
    if (range.type === type) specificity |= 4;
    else if (range.type !== "*") continue;
    if (range.subtype === subtype) specificity |= 2;
    else if (range.subtype !== "*") continue;
    // The candidates here carry no parameters: a range that requires one does not match.
    if (range.params.length > 0) {
      if (!range.params.every(([, value]) => value === "*")) continue;
      specificity |= 1;
    }
    if ((priority.specificity - specificity || priority.q - range.q || priority.order - range.order) < 0) {
      priority = { q: range.q, specificity, order: range.order, candidate: index };
    }
  }
  return priority;
}

function parseMediaRanges(accept: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  let order = 0;
  for (const entry of splitOutsideQuotes(accept)) {
    const [mediaType = "", ...rawParams] = entry.split(";");
    const slash = mediaType.indexOf("/");
    const index = order++;
    if (slash === -1) continue;
    const params: Array<[string, string]> = [];
    for (const raw of rawParams) {
      const equals = raw.indexOf("=");
      if (equals === -1) continue;
      const name = raw.slice(0, equals).trim().toLowerCase();
      if (name !== "q") params.push([name, unquote(raw.slice(equals + 1).trim()).toLowerCase()]);
    }
    ranges.push({
      type: mediaType.slice(0, slash).trim().toLowerCase(),
      subtype: mediaType
        .slice(slash + 1)
        .trim()
        .toLowerCase(),
      params,
      q: qualityOf(rawParams),
      order: index,
    });
  }
  return ranges;
}

function qualityOf(params: readonly string[]): number {
  for (const raw of params) {
    const equals = raw.indexOf("=");
    if (equals !== -1 && raw.slice(0, equals).trim().toLowerCase() === "q") {
      const q = Number.parseFloat(raw.slice(equals + 1).trim());
      return Number.isNaN(q) ? 0 : q;
    }
  }
  return 1;
}

function splitOutsideQuotes(header: string): string[] {
  if (!header.includes('"')) return header.split(",");
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const char = header[i];
    if (char === '"') quoted = !quoted;
    else if (char === "," && !quoted) {
      parts.push(header.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(header.slice(start));
  return parts;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}
