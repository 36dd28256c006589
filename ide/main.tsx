import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/style.css";
import { EXAMPLE_OPERATIONS } from "./example-operations";

// graphiql 5 only ships worker setups for vite, webpack and esm.sh (a CDN). esbuild builds the
// three workers as separate files next to main.js (scripts/build-ide.mjs), so they are resolved
// relative to this module and never leave the gateway's origin.
window.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    const file = label === "json" ? "json.worker.js" : label === "graphql" ? "graphql.worker.js" : "editor.worker.js";
    return new Worker(new URL(file, import.meta.url));
  },
};

/**
 * The gateway renders the GraphQL endpoint path into the page (src/server/ide), so the IDE follows
 * the server's configuration and works behind a path prefix; "/graphql" is only the fallback.
 */
function graphqlEndpoint(): URL {
  const path = document.querySelector<HTMLMetaElement>('meta[name="graphql-endpoint"]')?.content || "/graphql";
  return new URL(path, window.location.href);
}

const httpUrl = graphqlEndpoint();
const wsUrl = new URL(httpUrl);
wsUrl.protocol = httpUrl.protocol === "https:" ? "wss:" : "ws:";

// With `subscriptionUrl` (rather than a shared wsClient) the toolkit opens one graphql-ws client
// per subscription and passes the headers editor's contents as connectionParams, so an auth token
// typed into the IDE reaches subscriptions too.
const fetcher = createGraphiQLFetcher({
  url: httpUrl.href,
  subscriptionUrl: wsUrl.href,
  // Apollo Server with graphql 16 has no incremental delivery; the simple fetcher also sends the
  // GraphQL-over-HTTP Accept header (application/graphql-response+json).
  enableIncrementalDelivery: false,
});

const defaultTabs = EXAMPLE_OPERATIONS.map((operation) => ({
  query: operation.query,
  variables: JSON.stringify(operation.variables, null, 2),
}));

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={defaultTabs}
    defaultEditorToolsVisibility="variables"
    // Headers often hold auth tokens: kept in memory only, unless the user opts in (settings dialog).
    shouldPersistHeaders={false}
    showPersistHeadersSettings
  />,
);
