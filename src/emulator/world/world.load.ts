import { readFileSync } from "node:fs";
import { WorldValidationError } from "./world.errors";
import type { WorldFile } from "./world.types";
import { validateWorld } from "./world.validate";

/**
 * Reads and validates a world file (docs/world-file.md). Every failure is a WorldValidationError
 * whose message says what is wrong and where: an unreadable file, invalid JSON (with the
 * parser's position), or the JSON path of the first bad field.
 */
export function loadWorldFile(path: string): WorldFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new WorldValidationError("", `cannot read world file "${path}": ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WorldValidationError("", `world file "${path}" is not valid JSON: ${(error as Error).message}`);
  }
  return validateWorld(json);
}
