import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { configureCdsHooksHttp } from '@pcb-cds/cds-hooks-api';
import { PostcoitalBleedingCdsService } from '@pcb-cds/postcoital-bleeding-service';
import { ConfigError, loadConfig, loadGuidelineConfiguration } from './app/app-config';
import { AppModule } from './app/app.module';
import { benchPipeline } from './app/bench-pipeline';
import { startEmbeddedSandbox } from './app/embedded-sandbox';
import { loadDemoPatients } from './app/load-demo-patients';
import { startupBanner } from './app/startup-banner';

async function bootstrap(): Promise<void> {
  const config = loadConfig(process.env);
  const guideline = loadGuidelineConfiguration(config);
  const today = config.evaluationDate ? new Date(`${config.evaluationDate}T12:00:00Z`) : new Date();
  const sandbox = config.fhirBaseUrl ? undefined : await startEmbeddedSandbox(config.sandboxPort, today);
  const app = await NestFactory.create(AppModule.forRoot({ ...config, guideline }), { bodyParser: false });
  configureCdsHooksHttp(app);
  app.enableShutdownHooks();
  if (sandbox) {
    app.getHttpServer().on('close', () => void sandbox.close());
  }
  await app.listen(config.port, config.host);
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const port = (app.getHttpServer().address() as { port: number }).port;
  const service = app.get(PostcoitalBleedingCdsService);
  process.stdout.write(
    startupBanner(`http://${shownHost}:${port}`, sandbox?.baseUrl ?? (config.fhirBaseUrl as string), !!sandbox, service, today),
  );
}

/** `main.js load-demo`: load the demo patients into FHIR_BASE_URL and exit (docker-compose's loader). */
async function loadDemo(): Promise<void> {
  const config = loadConfig(process.env);
  if (!config.fhirBaseUrl) {
    throw new ConfigError('load-demo needs FHIR_BASE_URL');
  }
  const count = await loadDemoPatients(config.fhirBaseUrl, new Date());
  Logger.log(`Loaded ${count} demo bundles into ${config.fhirBaseUrl}`, 'load-demo');
}

/** `main.js bench-pipeline`: µs per in-process evaluation for each demo patient, as JSON (npm run bench). */
async function benchPipelineCommand(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, guideline: loadGuidelineConfiguration(config) }), {
    logger: false,
  });
  process.stdout.write(`${JSON.stringify(await benchPipeline(app.get(PostcoitalBleedingCdsService), new Date()))}\n`);
  await app.close();
}

const COMMANDS: Record<string, () => Promise<void>> = { 'load-demo': loadDemo, 'bench-pipeline': benchPipelineCommand };

(COMMANDS[process.argv[2]] ?? bootstrap)().catch((error: unknown) => {
  Logger.error(error instanceof ConfigError ? `Invalid configuration: ${error.message}` : error, 'bootstrap');
  process.exit(1);
});
