#!/usr/bin/env node
// `npm run test:fleet`: the built service as a fleet on loopback (3 replicas behind nginx, sharing PostgreSQL
// and Redis), then the scenarios of ./scenarios.mjs, one line each, and the plain "N passed, N failed" line CI
// reads. Needs nginx, PostgreSQL at 127.0.0.1:5432 (database `test`, trust auth) and Redis at 127.0.0.1:6379
// (FLEET_POSTGRES_URL, FLEET_REDIS_URL, NGINX to point elsewhere). Builds the service when dist/ lacks it
// (FLEET_BUILD=1 always builds). Bounded: each scenario has a deadline, and everything started is stopped.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { call, FleetClient, usePrefetchKeys } from './fleet-client.mjs';
import { Fleet, MAIN } from './fleet.mjs';
import { scenarios } from './scenarios.mjs';

const SCENARIO_DEADLINE_MS = 120_000;
const started = Date.now();

if (process.env.FLEET_BUILD === '1' || !existsSync(MAIN)) {
  const build = spawnSync('npx', ['nx', 'build', 'cds-service', '--skip-nx-cache', '--outputStyle=static'], {
    stdio: 'inherit',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
  if (build.status !== 0) {
    console.log('fleet test: the service did not build\n0 passed, 1 failed, 0 skipped');
    process.exit(1);
  }
}

const clients = {
  setup: await FleetClient.create('https://ehr-setup.fleet.test'),
  replay: await FleetClient.create('https://ehr-replay.fleet.test'),
  limited: await FleetClient.create('https://ehr-limited.fleet.test'),
  feedback: await FleetClient.create('https://ehr-feedback.fleet.test'),
  memory: await FleetClient.create('https://ehr-memory.fleet.test'),
  outage: await FleetClient.create('https://ehr-outage.fleet.test'),
  load: await Promise.all(Array.from({ length: 60 }, (_, i) => FleetClient.create(`https://ehr-load-${i}.fleet.test`))),
};

let passed = 0;
let failed = 0;
let fleet;
const stopAll = async () => {
  await fleet?.stop();
  fleet = undefined;
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => stopAll().finally(() => process.exit(1)));
}
// Whatever goes wrong, nothing started here outlives the run.
process.on('unhandledRejection', (error) => {
  console.log(`fleet test: unexpected error: ${error?.stack ?? error}\n${passed} passed, ${failed + 1} failed, 0 skipped`);
  stopAll().finally(() => process.exit(1));
});

try {
  fleet = await Fleet.start([
    clients.setup,
    clients.replay,
    clients.limited,
    clients.feedback,
    clients.memory,
    clients.outage,
    ...clients.load,
  ]);
  console.log(
    `fleet: ${fleet.replicas.length} replicas (${fleet.replicas.map((r) => r.port).join(', ')}) behind nginx at ${fleet.publicBase}, started in ${Date.now() - started} ms`,
  );
  const discovery = await call(fleet.publicBase, '/cds-services', {
    authorization: await clients.setup.token(`${fleet.publicBase}/cds-services`),
  });
  usePrefetchKeys(Object.keys(discovery.body?.services?.find((s) => s.id === 'pcb-evaluation')?.prefetch ?? {}));
  for (const scenario of scenarios) {
    const t0 = Date.now();
    try {
      let timer;
      const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no verdict within ${SCENARIO_DEADLINE_MS} ms`)), SCENARIO_DEADLINE_MS);
      });
      const detail = await Promise.race([scenario.run(fleet, clients), deadline]).finally(() => clearTimeout(timer));
      passed += 1;
      console.log(`  ✓ ${scenario.name} (${Date.now() - t0} ms)${detail ? `: ${detail}` : ''}`);
    } catch (error) {
      failed += 1;
      console.log(`  ✗ ${scenario.name} (${Date.now() - t0} ms): ${error?.message ?? error}`);
      for (const replica of fleet.replicas) {
        console.log(`    replica ${replica.index} log tail:\n${fleet.log(replica).replace(/^/gm, '      ')}`);
      }
    }
  }
} catch (error) {
  failed += 1;
  console.log(`fleet test: the fleet did not start: ${error?.stack ?? error}`);
} finally {
  await stopAll();
}
console.log(`fleet test finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed, 0 skipped`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
