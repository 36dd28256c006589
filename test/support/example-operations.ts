import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { getOperationAST, Kind, parse, print, type DocumentNode, type OperationDefinitionNode } from "graphql";
import { EXAMPLE_OPERATIONS } from "../../ide/example-operations";
import { REPO_ROOT as REPO_ROOT_PATH } from "./repo-paths";

// dist/test/support → the repository root.
const REPO_ROOT = REPO_ROOT_PATH;

export interface NamedOperation {
  name: string;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

/** Every operation of operations/*.graphql (each with the file's fragments) and of the IDE's tabs. */
export function exampleOperations(): NamedOperation[] {
  const fromFiles = readdirSync(path.join(REPO_ROOT, "operations"))
    .filter((file) => file.endsWith(".graphql"))
    .flatMap((file) => {
      const document = parse(readFileSync(path.join(REPO_ROOT, "operations", file), "utf8"));
      return document.definitions.flatMap((definition) =>
        definition.kind === "OperationDefinition"
          ? [{ name: `${file} ${definition.name?.value}`, document, operation: definition, variables: {} }]
          : [],
      );
    });
  // Cross-file fragments: validate each file's operations with every file's fragments.
  const fragments = fromFiles.flatMap((entry) =>
    entry.document.definitions.filter((definition) => definition.kind === "FragmentDefinition"),
  );
  const uniqueFragments = [...new Map(fragments.map((fragment) => [print(fragment), fragment])).values()];
  const withFragments = fromFiles.map((entry) => ({
    ...entry,
    document: { kind: Kind.DOCUMENT, definitions: [entry.operation, ...uniqueFragments] } as DocumentNode,
  }));
  const fromIde = EXAMPLE_OPERATIONS.map((example) => {
    const document = parse(example.query);
    return { name: `IDE ${example.title}`, document, operation: getOperationAST(document)!, variables: example.variables };
  });
  return [...withFragments, ...fromIde];
}
