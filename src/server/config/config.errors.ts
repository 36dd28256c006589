/**
 * A setting that is missing or has a bad value. The message names the setting (environment
 * variable and CLI flag) so start-up can stop with a message the operator can act on.
 */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${setting}: ${problem}`);
    this.name = "ConfigError";
  }
}
