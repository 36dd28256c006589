/**
 * The API version each product's RPC endpoint speaks. The emulator serves exactly these (any other
 * answers `NoSuchVersion`) and the upstream client sends them, so both read them from here.
 */
export const PRODUCT_API_VERSIONS = Object.freeze({
  Ess: "2014-08-28",
  Ecs: "2014-05-26",
  Slb: "2014-05-15",
  Rds: "2014-08-15",
  Sts: "2015-04-01",
} as const);
