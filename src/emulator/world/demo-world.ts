import demoWorldJson from "./demo-world.json";
import type { WorldFile } from "./world.types";
import { validateWorld } from "./world.validate";

/**
 * The shipped demo world (docs/demo-world.md), validated. It is imported as JSON so tsc copies it
 * next to the compiled file and it works from dist/ as well. Each call returns a fresh copy, so a
 * caller may change it (e.g. to build a variant for a test) without affecting anyone else.
 */
export function loadDemoWorld(): WorldFile {
  return validateWorld(structuredClone(demoWorldJson));
}
