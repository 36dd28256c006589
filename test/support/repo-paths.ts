import path from "node:path";

// Tests run compiled, from dist/test/…; every path a test needs is derived here, once, so that a
// test file can move without its paths changing meaning.
const DIST_ROOT = path.resolve(__dirname, "..", "..");

/** The checkout's root (README.md, schema/, examples/, deploy/). */
export const REPO_ROOT = path.resolve(DIST_ROOT, "..");
/** The compiled gateway entry point (`npm start` runs it). */
export const GATEWAY_MAIN = path.join(DIST_ROOT, "src", "server", "main.js");
/** The compiled standalone emulator entry point (`npm run emulator` runs it). */
export const EMULATOR_MAIN = path.join(DIST_ROOT, "src", "emulator", "main.js");
/** The SDK response models extracted from the official TypeScript SDK (scripts/extract-sdk-models.mjs). */
export const SDK_MODELS_FIXTURE = path.join(REPO_ROOT, "test", "support", "fixtures", "sdk-models.json");
