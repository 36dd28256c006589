import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher, StorageAPI } from "@graphiql/toolkit";
import "graphiql/style.css";
import { EXAMPLE_OPERATIONS } from "./example-operations";

// graphiql 5 only ships worker setups for vite, webpack and esm.sh (a CDN). esbuild builds the
// three workers as separate files next to main.js (scripts/build-ide.mjs), so they are resolved
// relative to this module and never leave the gateway's origin.
// The workers' file names carry content hashes; the build passes them in as IDE_WORKER_FILES.
declare const IDE_WORKER_FILES: Record<"editor.worker" | "json.worker" | "graphql.worker", string>;
window.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    const worker = label === "json" ? "json.worker" : label === "graphql" ? "graphql.worker" : "editor.worker";
    return new Worker(new URL(IDE_WORKER_FILES[worker], import.meta.url));
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

/**
 * Works around graphql/graphiql#3392: on a first visit GraphiQL 5 fills the operation editor from
 * the first default tab but the variables editor only from `initialVariables`, so the first tab
 * showed no variables and its first run failed ("Variable $regionId … was not provided") until
 * another tab was opened. With nothing stored yet the first tab is the one shown, so its contents
 * are passed as the initial editor values. Once GraphiQL has stored its tabs ("tabState" in its
 * localStorage namespace) nothing is passed: the stored editors are right, and initial values
 * that match no stored tab would make GraphiQL add a tab on every reload.
 */
const firstVisit = new StorageAPI().get("tabState") === null;
const firstTab = firstVisit ? defaultTabs[0] : undefined;

createRoot(document.getElementById("graphiql")!).render(
  <GraphiQL
    fetcher={fetcher}
    defaultTabs={defaultTabs}
    initialQuery={firstTab?.query}
    initialVariables={firstTab?.variables}
    defaultEditorToolsVisibility="variables"
    // Headers often hold auth tokens: kept in memory only, unless the user opts in (settings dialog).
    shouldPersistHeaders={false}
    showPersistHeadersSettings
  />,
);
