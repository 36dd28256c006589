import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { generate, loadCodegenConfig } from "@graphql-codegen/cli";
import { REPO_ROOT } from "../support/repo-paths";

const REPO = REPO_ROOT;
const COMMITTED = path.join(REPO, "operations", "__generated__");

let scratch: string | undefined;
after(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

test("the committed operations/__generated__ is what codegen.yml generates (run `npm run codegen` after changing the schema or operations)", async () => {
  // The committed codegen.yml, loaded by codegen itself; only the output folder is redirected.
  const { config } = await loadCodegenConfig({ configFilePath: path.join(REPO, "codegen.yml") });
  const [[target, output]] = Object.entries(config.generates);
  assert.equal(path.normalize(target), path.normalize("operations/__generated__/"));
  scratch = await mkdtemp(path.join(tmpdir(), "codegen-"));
  const fresh = path.join(scratch, "__generated__") + path.sep;
  await generate(
    {
      ...config,
      cwd: REPO,
      schema: path.join(REPO, String(config.schema)),
      documents: (config.documents as string[]).map((pattern) => path.join(REPO, pattern)),
      generates: { [fresh]: output as never },
      silent: true,
    },
    true,
  );

  const committedFiles = (await readdir(COMMITTED)).sort();
  assert.deepEqual((await readdir(fresh)).sort(), committedFiles);
  for (const file of committedFiles) {
    assert.equal(await readFile(path.join(fresh, file), "utf8"), await readFile(path.join(COMMITTED, file), "utf8"), `${file} is stale`);
  }
});
