/**
 * Readers for Alibaba RPC JSON bodies. The APIs send numbers as strings in places
 * (`AttachedCapacity`), wrap every list as `{"Plural": {"Singular": [...]}}`, send `""` for "none"
 * (`VpcId` of a classic instance), and omit fields freely. These readers absorb all of that, and
 * reject only a body that lacks what the gateway cannot do without (an ID, a state).
 */

export type WireObject = Readonly<Record<string, unknown>>;

/** A success body that lacks a required field; the client reports it as `InvalidResponse`. */
export class WireShapeError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = "WireShapeError";
  }
}

export function asObject(value: unknown, what: string): WireObject {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as WireObject;
  throw new WireShapeError(`${what} is not an object`);
}

/** A string, or null when absent or empty. Numbers are accepted (some APIs send IDs unquoted). */
export function optionalString(object: WireObject, key: string): string | null {
  const value = object[key];
  if (typeof value === "string") return value === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

export function requiredString(object: WireObject, key: string, where: string): string {
  const value = optionalString(object, key);
  if (value === null) throw new WireShapeError(`${where}.${key} is missing`);
  return value;
}

/** A number from a JSON number or a numeric string (`"3"`), or null when absent or not numeric. */
export function optionalNumber(object: WireObject, key: string): number | null {
  const value = object[key];
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string" && value.trim() !== "") {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

export function requiredNumber(object: WireObject, key: string, where: string): number {
  const value = optionalNumber(object, key);
  if (value === null) throw new WireShapeError(`${where}.${key} is missing or not a number`);
  return value;
}

/** `true` / `"true"` (any case) → true; anything else, absent included → false. */
export function booleanValue(object: WireObject, key: string): boolean {
  const value = object[key];
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

/**
 * Unwraps `object[plural][singular]` to an array. Also accepts a bare array under `plural`, and a
 * single element where a list was expected (what XML-to-JSON converters produce for one item).
 * Absent → [].
 */
function unwrapList(object: WireObject, plural: string, singular: string): unknown[] {
  const outer = object[plural];
  if (outer === undefined || outer === null || outer === "") return [];
  if (Array.isArray(outer)) return outer;
  if (typeof outer !== "object") return [];
  const inner = (outer as WireObject)[singular];
  if (inner === undefined || inner === null) return [];
  return Array.isArray(inner) ? inner : [inner];
}

/** `unwrapList` of objects. */
export function unwrapObjects(object: WireObject, plural: string, singular: string): WireObject[] {
  return unwrapList(object, plural, singular).map((item, index) => asObject(item, `${plural}.${singular}[${index}]`));
}

/** `unwrapList` of strings (IDs, IPs); empty and non-string entries are dropped. */
export function unwrapStrings(object: WireObject, plural: string, singular: string): string[] {
  return unwrapList(object, plural, singular).filter((item): item is string => typeof item === "string" && item !== "");
}
