import { PRODUCT_VERSIONS, type ActionHandler, type Product } from "../emulator-core.types";
import { protocolErrors } from "./protocol.errors";

export interface RpcRoute {
  product: Product;
  action: string;
  version: string;
  handler: ActionHandler;
}

const PRODUCT_BY_VERSION: ReadonlyMap<string, Product> = new Map(
  (Object.entries(PRODUCT_VERSIONS) as Array<[Product, string]>).map(([product, version]) => [version, product]),
);

/**
 * Finds which product and action a request is for. `Action`/`Version` come from the parameters,
 * else from the `x-acs-action`/`x-acs-version` headers (signature V3 sends them only as headers).
 * Missing → 400 `MissingParameter`; a version no product is served under → 400 `NoSuchVersion`;
 * a known version without that action → 404 `InvalidAction.NotFound`.
 */
export function resolveRpcRoute(
  params: Readonly<Record<string, string>>,
  header: (name: string) => string | undefined,
  findHandler: (product: Product, action: string) => ActionHandler | undefined,
): RpcRoute {
  const action = params.Action || header("x-acs-action");
  if (!action) throw protocolErrors.missingParameter("Action");
  const version = params.Version || header("x-acs-version");
  if (!version) throw protocolErrors.missingParameter("Version");
  const product = PRODUCT_BY_VERSION.get(version);
  if (!product) throw protocolErrors.noSuchVersion(version);
  const handler = findHandler(product, action);
  if (!handler) throw protocolErrors.actionNotFound(action, product, version);
  return { product, action, version, handler };
}

/** The product a version names, when it names one (for error rendering before routing finished). */
export function productOfVersion(version: string | undefined): Product | undefined {
  return version === undefined ? undefined : PRODUCT_BY_VERSION.get(version);
}
