import { REDACTED, redactSecretPatterns } from "./secret-patterns";

/** Shorter values would redact ordinary words; real secrets and tokens are far longer. */
const MIN_SECRET_LENGTH = 6;

type SecretValue = string | null | undefined;

/**
 * The secret values one holder currently has (a configured key, the STS token a provider handed
 * out last). `replace` drops the previous values: a token that rotated hourly for a year is one
 * entry, not eight thousand.
 */
interface SecretSlot {
  replace(values: readonly SecretValue[]): void;
}

/**
 * Removes secrets from text meant for logs, error messages or responses: every value of every
 * slot (plain and URL-encoded) and whatever `redactSecretPatterns` recognizes. One object per
 * gateway, handed to the logger, the upstream client and the readiness probe.
 */
export interface SecretRedactor {
  redact(text: string): string;
  /** A new holder of secret values (its values count until replaced). */
  slot(): SecretSlot;
}

/**
 * A redactor that knows `fixedSecrets` from the start. The values are matched by one regular
 * expression, rebuilt only when a slot's values change (a rotation), so a line costs the same
 * after a thousand rotations as after none.
 */
export function createSecretRedactor(fixedSecrets: readonly SecretValue[] = []): SecretRedactor {
  const slots = new Map<SecretSlot, readonly string[]>();
  let matcher: RegExp | null = null;
  const rebuild = () => {
    const forms = new Set<string>();
    for (const values of slots.values()) {
      for (const value of values) {
        forms.add(value);
        forms.add(encodeURIComponent(value));
      }
    }
    // Longest first, so that a secret containing another is removed whole.
    const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
    matcher = alternatives.length === 0 ? null : new RegExp(alternatives.join("|"), "g");
  };
  const slot = (): SecretSlot => {
    const created: SecretSlot = {
      replace(values) {
        const kept = values.filter((value): value is string => typeof value === "string" && value.length >= MIN_SECRET_LENGTH);
        const previous = slots.get(created) ?? [];
        if (previous.length === kept.length && previous.every((value, index) => value === kept[index])) return;
        slots.set(created, kept);
        rebuild();
      },
    };
    return created;
  };
  slot().replace(fixedSecrets);
  return {
    redact: (text) => redactSecretPatterns(matcher === null ? String(text) : String(text).replace(matcher, REDACTED)),
    slot,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
