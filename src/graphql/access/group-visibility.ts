import type DataLoader from "dataloader";
import type { Operation } from "./access-policy.types";
import type { GroupRecord, GroupRef, RequestAccess } from "./request-access";
import type { RegionalKey } from "../common/regional.loader";
import type { RequestLoaders } from "../request-loaders";

type RegionalLoader<T> = DataLoader<RegionalKey, T | null, string>;

/** What a principal gets for a group operation. `hidden`: the group must look as if it did not exist. */
export type GroupAccess = "allowed" | "denied" | "hidden";

/**
 * Decides `operation` on one scaling group for the request's principal. Grants by ID or "*" are
 * decided without any upstream call; only name patterns and tags read the group (through the request's
 * loader, so the read is shared with the fields that need it anyway). A group is visible when
 * `read` covers it; a visible group without a grant for `operation` is `denied`, an invisible (or
 * nonexistent) one `hidden`. This is the one check every group operation makes, e.g.
 * `if ((await groupAccess(context, "detach", target)) !== "allowed") …`.
 */
export async function groupAccess(
  context: { access: RequestAccess; loaders: RequestLoaders },
  operation: Operation,
  target: GroupRef,
): Promise<GroupAccess> {
  const { access } = context;
  if (access.unrestricted) return "allowed";
  const ref = { regionId: target.regionId, scalingGroupId: target.scalingGroupId };
  const visible = access.covers("read", ref);
  if (visible === false) return "hidden";
  const granted = operation === "read" ? visible : access.covers(operation, ref);
  if (visible === true && granted !== undefined) return granted ? "allowed" : "denied";
  // Only the group's name or tags can tell; the visibility-filtered loader answers null for a hidden group.
  const group = await context.loaders.scalingGroup.load({ regionId: target.regionId, id: target.scalingGroupId });
  if (group === null) return "hidden";
  return access.covers(operation, { ...ref, record: recordOf(group) }) === true ? "allowed" : "denied";
}

/** Whether the principal may read a group already read from ESS (its name and tags known): for lists, which filter pages. */
export function isReadableGroup(access: RequestAccess, regionId: string, group: { scalingGroupId: string } & GroupRecord): boolean {
  return access.unrestricted || access.covers("read", { regionId, scalingGroupId: group.scalingGroupId, record: recordOf(group) }) === true;
}

/** What the policy looks at in a group read from ESS. */
function recordOf(group: GroupRecord): GroupRecord {
  return { scalingGroupName: group.scalingGroupName, tags: group.tags };
}

/**
 * The request's loaders as the principal may see them: a scaling group, scaling activity or
 * scaling-group membership of a group the principal may not read answers null, exactly like one
 * that does not exist, and a region without any read grant is not even asked. Every field that
 * reaches a group through these loaders (nested groups, activities, memberships, preflights) is
 * filtered without resolvers of its own. Without authentication the loaders are returned as they are.
 */
export function withGroupVisibility(loaders: RequestLoaders, access: RequestAccess): RequestLoaders {
  if (access.unrestricted) return loaders;
  const mayReadRegion = (key: RegionalKey) => access.mayInRegion("read", key.regionId);
  const visibleGroup = async (regionId: string, scalingGroupId: string): Promise<boolean> => {
    const decided = access.covers("read", { regionId, scalingGroupId });
    return decided ?? (await visible.scalingGroup.load({ regionId, id: scalingGroupId })) !== null;
  };
  // The views are built on first use, like the loaders under them (createLoaders); every other
  // loader is read through the prototype, unchanged.
  const visible = Object.create(loaders, {
    scalingGroup: builtOnFirstUse(() =>
      filteredView(
        loaders.scalingGroup,
        mayReadRegion,
        (key, group) => {
          const ref = { regionId: key.regionId, scalingGroupId: key.id };
          return access.covers("read", ref) !== false && access.covers("read", { ...ref, record: recordOf(group) }) === true;
        },
        (key) => access.covers("read", { regionId: key.regionId, scalingGroupId: key.id }) !== false,
      ),
    ),
    scalingActivity: builtOnFirstUse(() =>
      filteredView(loaders.scalingActivity, mayReadRegion, (key, activity) => visibleGroup(key.regionId, activity.scalingGroupId)),
    ),
    scalingInstanceMembership: builtOnFirstUse(() =>
      filteredView(loaders.scalingInstanceMembership, mayReadRegion, (key, member) => visibleGroup(key.regionId, member.scalingGroupId)),
    ),
    // Memberships as ESS checks them (the preflights' InUse verdict), but only in regions the
    // principal may read at all: elsewhere nothing is asked.
    membershipForChecks: builtOnFirstUse(() => filteredView(loaders.membershipForChecks, mayReadRegion, () => true)),
    instance: builtOnFirstUse(() => filteredView(loaders.instance, mayReadRegion, () => true)),
  }) as RequestLoaders;
  return visible;
}

function builtOnFirstUse<T>(build: () => T): PropertyDescriptor {
  let value: T | undefined;
  return { enumerable: true, get: () => (value ??= build()) };
}

/**
 * A loader with the public DataLoader surface over `raw` that answers null, without a call, for a
 * key `ask` refuses, and null for an item `keep` refuses. The cache stays `raw`'s.
 */
function filteredView<T>(
  raw: RegionalLoader<T>,
  ask: (key: RegionalKey) => boolean,
  keep: (key: RegionalKey, item: T) => boolean | Promise<boolean>,
  askItem: (key: RegionalKey) => boolean = () => true,
): RegionalLoader<T> {
  const view = {
    name: raw.name,
    async load(key: RegionalKey): Promise<T | null> {
      if (!ask(key) || !askItem(key)) return null;
      const item = await raw.load(key);
      return item !== null && (await keep(key, item)) ? item : null;
    },
    loadMany(keys: readonly RegionalKey[]): Promise<Array<T | null | Error>> {
      return Promise.all(
        keys.map((key) => view.load(key).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))),
      );
    },
    prime(key: RegionalKey, value: T | null | Error | PromiseLike<T | null>) {
      raw.prime(key, value);
      return view;
    },
    clear(key: RegionalKey) {
      raw.clear(key);
      return view;
    },
    clearAll() {
      raw.clearAll();
      return view;
    },
  };
  return view as unknown as RegionalLoader<T>;
}
