import { writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { worldSchema } from "./world.schema";

/** Where the committed JSON Schema of the world format lives, relative to the checkout. */
export const WORLD_JSON_SCHEMA_PATH = path.join("schema", "world.schema.json");

/**
 * The world format as JSON Schema, for editors (a world file's `"$schema"` may point at it). It is
 * the input side of worldSchema: field types, enums, patterns and ranges; the cross-resource rules
 * are only in the emulator's validator.
 */
export function worldJsonSchemaText(): string {
  const schema = z.toJSONSchema(worldSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  return `${JSON.stringify({ ...schema, title: "ESS emulator world file", description: "docs/world-file.md" }, null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(path.resolve(process.argv[2] ?? ".", WORLD_JSON_SCHEMA_PATH), worldJsonSchemaText());
}
