import { PRODUCT_API_VERSIONS } from "../contract/api-versions.contract";
import type { WorldFile } from "./world/world.types";
import type { WireError } from "../contract/wire-errors.contract";

/**
 * The seam between the emulator's protocol layer (HTTP, signatures, faults, rendering; see
 * src/emulator/protocol and src/emulator/http) and its domain layer (world, persistence, actions,
 * activities; see src/emulator/world, store, actions, activity).
 *
 * Handlers are synchronous on purpose: better-sqlite3 is synchronous, so a handler's checks and
 * effects run inside one SQLite transaction with no `await` between them. That is what makes the
 * invariants (MaxSize, one group per instance, one activity in progress per group) hold under any
 * concurrency without locks.
 */

export type Product = "Ess" | "Ecs" | "Slb" | "Rds" | "Sts";

/** The API version each product is served under. Any other version answers `NoSuchVersion`. */
export const PRODUCT_VERSIONS: Readonly<Record<Product, string>> = PRODUCT_API_VERSIONS;

/**
 * An expected API failure: rendered as `{RequestId, HostId, Code, Message, Recommend}` with
 * `httpStatus`. Anything else a handler throws is a bug and is rendered as 500 `InternalError`.
 */
export class EmulatorApiError extends Error {
  constructor(
    readonly code: string,
    readonly httpStatus: number,
    message: string,
  ) {
    super(message);
    this.name = "EmulatorApiError";
  }

  /** A constructor of the contract entry's error: its code, its status and its message for the given arguments. */
  static of<Args extends readonly unknown[]>(entry: WireError<string, Args>): (...args: Args) => EmulatorApiError {
    return (...args) => new EmulatorApiError(entry.code, entry.httpStatus, entry.message(...args));
  }
}

/** Who is calling, once the protocol layer has verified the signature. */
export interface CallerIdentity {
  accountId: string;
  accessKeyId: string;
}

/** RPC parameters exactly as received (query and form body merged), minus signature fields. */
export type RpcParams = Readonly<Record<string, string>>;

export interface ActionRequest {
  product: Product;
  action: string;
  params: RpcParams;
  caller: CallerIdentity;
  requestId: string;
}

/**
 * A success body, without `RequestId` (the protocol layer adds it). Lists use Alibaba's wrapping,
 * `{"ScalingGroups": {"ScalingGroup": [...]}}`; the XML renderer turns the same shape into
 * `<ScalingGroups><ScalingGroup>…</ScalingGroup>…</ScalingGroups>`.
 */
export type ActionResponseBody = Record<string, unknown>;

export type ActionHandler = (request: ActionRequest) => ActionResponseBody;

export interface AccessKeyRecord {
  accessKeyId: string;
  accessKeySecret: string;
  accountId: string;
  /** Set for STS keys: the request must carry the same `SecurityToken`. */
  securityToken?: string;
  /** Set for keys AssumeRole issued: refused (`InvalidSecurityToken.Expired`) from this instant on. */
  expiresAtMs?: number;
}

/**
 * How long an attach activity takes.
 * - realtime: it finishes `durationMs` after it started, by the wall clock (timers).
 * - immediate: it finishes within the request that started it.
 * - manual: it only moves when `advanceClock` is called (tests).
 */
export type ActivityTiming = { mode: "realtime"; durationMs: number } | { mode: "immediate" } | { mode: "manual" };

export interface EmulatorCoreOptions {
  world: WorldFile;
  /** A file path, or ":memory:". When the file already holds state, that state wins over `world`. */
  dbPath: string;
  activity: ActivityTiming;
}

export interface EmulatorCore {
  /** Looks up `product` + `action`; undefined means `InvalidAction.NotFound`. */
  handler(product: Product, action: string): ActionHandler | undefined;
  findAccessKey(accessKeyId: string): AccessKeyRecord | undefined;
  /** Drops all state and reloads the world the core was started with (or last loaded). */
  reset(): void;
  /** Replaces all state with `world` (validated first; throws WorldValidationError). */
  loadWorld(world: WorldFile): void;
  /** Moves the activity clock forward and runs what became due (manual mode; also works in others). */
  advanceClock(ms: number): void;
  /** Finishes world-defined external activities that are InProgress for a group (admin surface). */
  finishExternalActivities(scalingGroupId: string): void;
  close(): void;
}

/** Fault injection for one action, or for "*" (every action). Decided per request. */
export interface ActionFault {
  /** Probability 0..1 of answering 400 `Throttling` without running the action. */
  throttlingRate?: number;
  /** Probability 0..1 of answering 503 `ServiceUnavailable` without running the action. */
  serviceUnavailableRate?: number;
  /** Delay before the response is written. The action has already run (and committed) by then. */
  latencyMs?: number;
  /** Probability 0..1 of running the action and then destroying the socket without a response. */
  dropConnectionRate?: number;
}

/** The control surface for tests and demos. Also served over the admin HTTP path when enabled. */
export interface EmulatorControl {
  reset(): void;
  loadWorld(world: WorldFile): void;
  advanceClock(ms: number): void;
  finishExternalActivities(scalingGroupId: string): void;
  setFault(action: string, fault: ActionFault): void;
  clearFaults(): void;
  /** Calls received per action name (e.g. `{"DescribeInstances": 3}`), counted after authentication. */
  callCounts(): Record<string, number>;
  resetCallCounts(): void;
}

export interface StartEmulatorOptions {
  /** Default 0 (an ephemeral port). */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** A parsed world or a path to a world file. Default: the shipped demo world. */
  world?: WorldFile | string;
  /** Default ":memory:". */
  dbPath?: string;
  /** Default { mode: "realtime", durationMs: 3000 }. */
  activity?: ActivityTiming;
  /** Serve the admin HTTP surface under /_emulator/. Default false. */
  admin?: boolean;
  /** Seed for the fault-injection random source, for reproducible runs. */
  faultSeed?: number;
  /** Receives one line per request (never secrets or signatures). Default: silent. */
  log?: (line: string) => void;
  /** Serve HTTPS with this PEM key and certificate instead of HTTP (STS clients only speak HTTPS). */
  tls?: { key: string; cert: string };
}

export interface RunningEmulator {
  /** e.g. "http://127.0.0.1:43121" */
  url: string;
  host: string;
  port: number;
  control: EmulatorControl;
  /**
   * Whether `accessKeyId` is a key of the emulator's state. A database that already held state
   * keeps it over the world given at start, so a key of that world may be missing from it.
   */
  knowsAccessKey(accessKeyId: string): boolean;
  close(): Promise<void>;
}
