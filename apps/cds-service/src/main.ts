import { Logger } from '@nestjs/common';
import { JsonLogger } from '@pcb-cds/platform-observability';
import { ConfigError, loadConfig, nestLogLevels } from './app/app-config';
import { COMMANDS } from './app/commands';
import { composeApp } from './app/compose-app';
import { startupBanner } from './app/startup-banner';

// Until the configuration is read (a bad one is reported through this logger): JSON lines at info.
Logger.overrideLogger(new JsonLogger({ levels: nestLogLevels('info') }));

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const command = COMMANDS[process.argv[2]];
  if (command) {
    Logger.overrideLogger(new JsonLogger({ levels: nestLogLevels(config.logLevel) }));
    return command(config);
  }
  const { app, sharedStateReady, bannerFacts } = await composeApp(config);
  if (!(await sharedStateReady)) {
    Logger.error('Redis (REDIS_URL) did not answer at start-up: listening anyway; /cds-services answers 503 until it does', 'bootstrap');
  }
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const port = (app.getHttpServer().address() as { port: number }).port;
  // The banner is for the person at the terminal; stdout stays one JSON log line per line.
  process.stderr.write(startupBanner(bannerFacts(`http://${shownHost}:${port}`)));
}

main().catch((error: unknown) => {
  Logger.error(error instanceof ConfigError ? `Invalid configuration: ${error.message}` : error, 'bootstrap');
  process.exit(1);
});
