/**
 * Builders for RPC request parameters. All values travel as strings; `undefined` means "do not
 * send", so the API's own default applies.
 */

export type RpcQuery = Record<string, string>;

/**
 * Enforces a per-call ID limit of the API. Callers (the loaders) batch to these limits, so an
 * excess is a bug in the caller: a RangeError, not an `UpstreamError`.
 */
export function assertIdLimit(ids: readonly unknown[], limit: number, parameter: string, action: string): void {
  if (ids.length > limit) {
    throw new RangeError(`${action} accepts at most ${limit} ${parameter} per call, got ${ids.length}: batch the IDs.`);
  }
}

/** `Name.1`, `Name.2`, … (ESS repeat lists). */
export function indexedParams(name: string, values: readonly (string | number | undefined)[]): RpcQuery {
  const query: RpcQuery = {};
  values.forEach((value, index) => {
    if (value !== undefined) query[`${name}.${index + 1}`] = String(value);
  });
  return query;
}

/** ECS list filters (`InstanceIds`, `SecurityGroupIds`) are one JSON array string, not `Name.N`. */
export function jsonArrayParam(values: readonly string[]): string {
  return JSON.stringify(values);
}

/** Drops undefined values and stringifies the rest (booleans as `true`/`false`). */
export function compactParams(params: Record<string, string | number | boolean | undefined>): RpcQuery {
  const query: RpcQuery = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) query[key] = String(value);
  }
  return query;
}
