import { writeFile } from "node:fs/promises";
import path from "node:path";
import { printSchema } from "graphql";
import { buildGatewaySchema } from "./schema";

/** Where the committed SDL lives: codegen and schema reviews read it. */
export const SCHEMA_FILE = path.join(__dirname, "..", "..", "..", "schema", "schema.graphql");

/** The SDL exactly as committed: graphql-js' printer plus a trailing newline. */
export async function printGatewaySchema(): Promise<string> {
  return `${printSchema(await buildGatewaySchema())}\n`;
}

async function main(): Promise<void> {
  await writeFile(SCHEMA_FILE, await printGatewaySchema());
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
}
