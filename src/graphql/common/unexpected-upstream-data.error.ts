/**
 * Thrown when Alibaba Cloud (or the emulator) sends a value the schema has no place for, such as a
 * lifecycle state this gateway does not know. It is a bug to fix here, not the caller's problem,
 * so it is thrown and masked (generic message + correlation id; details in the log).
 */
export class UnexpectedUpstreamDataError extends Error {
  constructor(what: string, value: unknown) {
    super(`Unexpected ${what} from upstream: ${JSON.stringify(value)}`);
    this.name = "UnexpectedUpstreamDataError";
  }
}
