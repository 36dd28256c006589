import { apiKeyHash } from "./api-key.store";

/**
 * The API key of the shipped example (examples/access/): public on purpose, so the demo and the
 * IDE work with authentication on. It is accepted only in emulator mode: against Alibaba Cloud the
 * gateway refuses it even when a keys file lists it.
 */
export const DEMO_API_KEY = "essgw_demo-key-for-the-embedded-emulator-only";
export const DEMO_API_KEY_SHA256 = apiKeyHash(DEMO_API_KEY);
