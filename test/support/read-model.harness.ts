import type { WorldFile } from "../../src/emulator/world/world.types";

/**
 * The world with `accessKeyId` (and its account) moved to the front: the gateway's emulator mode
 * calls with the first key of the first account, so this runs the gateway as that caller (e.g. the
 * demo account that has not authorized ESS).
 */
export function worldCallingAs(world: WorldFile, accessKeyId: string): WorldFile {
  const index = world.accounts.findIndex((account) => account.accessKeys.some((key) => key.accessKeyId === accessKeyId));
  if (index < 0) throw new Error(`No account of the world has AccessKey ${accessKeyId}`);
  const account = world.accounts[index]!;
  const keys = [...account.accessKeys].sort((a, b) => Number(b.accessKeyId === accessKeyId) - Number(a.accessKeyId === accessKeyId));
  return { ...world, accounts: [{ ...account, accessKeys: keys }, ...world.accounts.filter((_, other) => other !== index)] };
}

/** Exact per-action call counts: absent actions are 0, and no action outside `expected` may appear. */
export function expectedCounts(expected: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(expected)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Call counts as a sorted plain object, for `deepEqual` against `expectedCounts`. */
export function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(counts)
      .filter(([, count]) => count > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}
