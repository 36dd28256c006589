/**
 * A world file (or a world given to `loadWorld`) that does not follow the format of
 * docs/world-file.md. The message starts with the JSON path of the first bad field, e.g.
 * `accounts[1].resources.instances[4].status: expected one of Pending, Running, …, got "running"`,
 * so a person can fix the file without guessing.
 */
export class WorldValidationError extends Error {
  constructor(
    /** JSON path of the offending field, e.g. `accounts[0].resources.scalingGroups[2].maxSize`. */
    readonly path: string,
    /** What is wrong, without the path. */
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = "WorldValidationError";
  }
}
