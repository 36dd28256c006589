import type { ActionHandler, EmulatorCore, EmulatorCoreOptions, Product } from "./emulator-core.types";
import type { ActionContext } from "./actions/action.context";
import { ACTIONS } from "./actions/action.registry";
import { scalingGroupNotFound } from "./actions/action.errors";
import { ActivityRunner } from "./activity/activity.runner";
import { StsSessionRegistry } from "./actions/sts-session.registry";
import { EmulatorStore } from "./store/emulator.store";
import type { WorldFile } from "./world/world.types";
import { validatedWorld, validateWorld } from "./world/world.validate";

/**
 * The emulator's domain layer (see emulator-core.types.ts). Opens the SQLite store at
 * `options.dbPath` (migrating it), seeds it from `options.world` unless it already holds state
 * (a restart keeps its state), resumes unfinished activities, and serves the actions of
 * docs/wire-contract.md. Before every action the activity runner applies what became due, so a
 * read always sees activities as of now.
 *
 * Throws WorldValidationError when `options.world` is invalid (nothing is opened then).
 */
export function createEmulatorCore(options: EmulatorCoreOptions): EmulatorCore & {
  /** Test and admin helper: sets an ECS instance's status (e.g. to stop it during an activity). */
  setInstanceStatus(instanceId: string, status: "Pending" | "Running" | "Starting" | "Stopping" | "Stopped"): void;
} {
  let world: WorldFile = validatedWorld(options.world);
  const store = new EmulatorStore(options.dbPath);
  const runner = new ActivityRunner(store, options.activity);
  try {
    if (!store.hasState()) store.replaceWorld(world, Date.now());
    runner.tick();
  } catch (error) {
    runner.close();
    store.close();
    throw error;
  }

  const stsSessions = new StsSessionRegistry(() => world);
  const context: ActionContext = { store, activities: runner, stsSessions };
  const handlers = new Map<string, ActionHandler>();
  for (const [product, actions] of Object.entries(ACTIONS)) {
    for (const [action, factory] of Object.entries(actions)) {
      const handle = factory(context);
      handlers.set(`${product}/${action}`, (request) => {
        runner.tick();
        return handle(request);
      });
    }
  }

  const replace = (next: WorldFile) => {
    store.replaceWorld(next, Date.now());
    runner.tick();
  };

  return {
    handler(product: Product, action: string) {
      return handlers.get(`${product}/${action}`);
    },
    findAccessKey(accessKeyId: string) {
      return store.findAccessKey(accessKeyId) ?? stsSessions.find(accessKeyId);
    },
    reset() {
      replace(world);
    },
    loadWorld(next: WorldFile) {
      const validated = validateWorld(next);
      replace(validated);
      world = validated;
    },
    advanceClock(ms: number) {
      runner.advanceClock(ms);
    },
    finishExternalActivities(scalingGroupId: string) {
      if (!store.groupById(scalingGroupId)) throw scalingGroupNotFound();
      runner.finishExternalActivities(scalingGroupId);
    },
    setInstanceStatus(instanceId, status) {
      store.transaction(() => store.setInstanceStatus(instanceId, status));
    },
    close() {
      runner.close();
      store.close();
    },
  };
}
