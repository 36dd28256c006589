import { WIRE_ERRORS } from "../../contract/wire-errors.contract";
import type { ActionFault } from "../emulator-core.types";
import { SeededRandom } from "./seeded-random.source";

/** The wildcard action name: its fault applies to every action. */
const ANY_ACTION = "*";

/** The longest latency a fault may add (10 minutes), so a typo cannot hang a server for days. */
const MAX_FAULT_LATENCY_MS = 600_000;

/** What the fault injector decided for one authenticated request. */
export interface FaultDecision {
  /** Answer without running the handler. */
  reject?: typeof WIRE_ERRORS.throttling.code | typeof WIRE_ERRORS.serviceUnavailable.code;
  /** Run the handler, then destroy the socket without answering. */
  dropConnection: boolean;
  /** Delay before writing the response (after the handler ran). */
  latencyMs: number;
}

/** Raised by `validateActionFault` for a malformed fault; the message names the field. */
export class FaultValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FaultValidationError";
  }
}

const RATE_FIELDS = ["throttlingRate", "serviceUnavailableRate", "dropConnectionRate"] as const;
const FAULT_FIELDS: ReadonlySet<string> = new Set([...RATE_FIELDS, "latencyMs"]);

/**
 * Checks an `ActionFault` from the admin API or the control surface: known fields only, rates are
 * numbers in 0..1, `latencyMs` an integer in 0..600000.
 */
export function validateActionFault(input: unknown): ActionFault {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new FaultValidationError('A fault must be a JSON object such as {"throttlingRate": 0.5}.');
  }
  const record = input as Record<string, unknown>;
  for (const field of Object.keys(record)) {
    if (!FAULT_FIELDS.has(field)) {
      throw new FaultValidationError(
        `Unknown fault field "${field}"; known fields: throttlingRate, serviceUnavailableRate, dropConnectionRate, latencyMs.`,
      );
    }
  }
  const fault: ActionFault = {};
  for (const field of RATE_FIELDS) {
    const value = record[field];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new FaultValidationError(`${field} must be a number from 0 to 1.`);
    }
    fault[field] = value;
  }
  const latency = record.latencyMs;
  if (latency !== undefined) {
    if (typeof latency !== "number" || !Number.isInteger(latency) || latency < 0 || latency > MAX_FAULT_LATENCY_MS) {
      throw new FaultValidationError(`latencyMs must be an integer from 0 to ${MAX_FAULT_LATENCY_MS}.`);
    }
    fault.latencyMs = latency;
  }
  return fault;
}

/**
 * Per-action fault injection (`ActionFault`), decided per request from a seeded random source.
 *
 * The fault for an action is the "*" fault with the action's own fault laid over it, field by
 * field. Random draws happen only for rates strictly between 0 and 1, always in the order
 * throttling, service unavailable, dropped connection, so the same seed and the same sequence of
 * calls give the same decisions.
 */
export class FaultInjector {
  private readonly faults = new Map<string, ActionFault>();
  private readonly random: SeededRandom;

  constructor(seed: number) {
    this.random = new SeededRandom(seed);
  }

  set(action: string, fault: ActionFault): void {
    if (action === "") throw new FaultValidationError("The action name of a fault must not be empty.");
    this.faults.set(action, validateActionFault(fault));
  }

  clear(): void {
    this.faults.clear();
  }

  /** The configured faults by action name (a copy). */
  list(): Record<string, ActionFault> {
    return Object.fromEntries([...this.faults].map(([action, fault]) => [action, { ...fault }]));
  }

  decide(action: string): FaultDecision {
    const fault: ActionFault = { ...this.faults.get(ANY_ACTION), ...this.faults.get(action) };
    const throttled = this.happens(fault.throttlingRate);
    if (throttled) return { reject: WIRE_ERRORS.throttling.code, dropConnection: false, latencyMs: 0 };
    if (this.happens(fault.serviceUnavailableRate)) {
      return { reject: WIRE_ERRORS.serviceUnavailable.code, dropConnection: false, latencyMs: 0 };
    }
    return { dropConnection: this.happens(fault.dropConnectionRate), latencyMs: fault.latencyMs ?? 0 };
  }

  private happens(rate: number | undefined): boolean {
    if (rate === undefined || rate <= 0) return false;
    if (rate >= 1) return true;
    return this.random.next() < rate;
  }
}
