import { ConfigError } from "./config/config.errors";
import { parseGatewayCommand } from "./config/gateway-config.parser";
import { startGateway, type RunningGateway } from "./gateway";
import { DEFAULT_SHUTDOWN_TIMEOUT_MS, installGracefulShutdown } from "./shutdown/graceful-shutdown";
import { startupBanner } from "./startup-banner";

/** Exit code for a bad configuration (a bad setting, or no credentials in real mode): nothing keeps running. */
const EXIT_CONFIG = 2;
/** Exit code when start-up failed for another reason (port in use, unreadable world file, …). */
const EXIT_START_FAILED = 1;
/** Exit code after an uncaught exception or unhandled rejection, as Node itself would exit. */
const EXIT_CRASHED = 1;

/** The only module with process side effects: reads the configuration, starts, handles signals. */
async function main(): Promise<void> {
  let command;
  try {
    command = parseGatewayCommand(process.env, process.argv.slice(2));
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_CONFIG;
      return;
    }
    throw error;
  }
  if (command.kind === "help") {
    process.stdout.write(`${command.usage}\n`);
    return;
  }

  let gateway: RunningGateway;
  try {
    gateway = await startGateway(command.config, { env: process.env });
  } catch (error) {
    process.stderr.write(
      `${error instanceof ConfigError ? "" : "The gateway could not start: "}${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = error instanceof ConfigError ? EXIT_CONFIG : EXIT_START_FAILED;
    return;
  }

  // A second Ctrl+C means "now": skip waiting for in-flight requests.
  installGracefulShutdown({
    close: () => gateway.close(),
    logger: gateway.logger,
    flushLogs: () => gateway.logger.flush(),
    timeoutMs: command.config.shutdownTimeoutMs ?? DEFAULT_SHUTDOWN_TIMEOUT_MS,
    exit: (code) => process.exit(code),
    signals: process,
  });
  // A crash still leaves its last log lines (and its own) behind: the log destination is asynchronous.
  installFatalHandlers(gateway);
  // Policy and API keys reload without a restart; a bad file keeps the running ones.
  process.on("SIGHUP", () => {
    try {
      gateway.reloadAccess();
      gateway.logger.info("access policy reloaded");
    } catch (error) {
      gateway.logger.error("access policy reload refused; the running policy stays", {
        problem: error instanceof Error ? error.message : String(error),
      });
    }
  });
  if (!gateway.authenticationEnabled) {
    process.stderr.write(
      "Warning: no authentication is configured: anyone who can reach this loopback port acts with the gateway's cloud credentials (docs/security.md).\n",
    );
  }
  // Only now: whoever reads the banner may signal at once, and the handlers must be in place.
  process.stdout.write(`${startupBanner(gateway)}\n`);
}

/** Logs an uncaught exception or unhandled rejection, writes the buffered lines, and exits as Node would (stack on stderr, status 1). */
function installFatalHandlers(gateway: RunningGateway): void {
  const crash = (kind: string) => (error: unknown) => {
    gateway.logger.error(`fatal: ${kind}; exiting`, { error });
    gateway.logger.flush();
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(EXIT_CRASHED);
  };
  process.on("uncaughtException", crash("uncaught exception"));
  process.on("unhandledRejection", crash("unhandled rejection"));
  process.on("exit", () => gateway.logger.flush());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = EXIT_START_FAILED;
});
