#!/usr/bin/env node
// `npm run bench`: the CDS service against a bare node:http baseline, same machine, same request.
//
//   1. builds the service, starts the FHIR sandbox (demo data) as a process of its own, the service (auth
//      off) against it and the baseline server; the servers are pinned to core 0 when `taskset` exists,
//      the sandbox and this load generator to core 1;
//   2. drives each in turn with the same ~40 KB patient-view request (autocannon, fixed concurrency
//      10 and 50, fixed duration), then the service without prefetch (it queries the sandbox), then a
//      second service with FAST_HOOK_ROUTE=off (the hook endpoint served by its Nest route) with the
//      full-prefetch request;
//   3. prints requests/s, p50/p99 latency, server CPU per request, peak RSS, the service/baseline
//      ratio and the fast hook route's gain over the Nest route, and writes them as JSON to bench-results/.
// Loopback only; every run is bounded. Options: --duration=SECONDS (default 10), --quick (3 s),
// --fhir=hapi (the no-prefetch path against HAPI FHIR instead: see mainHapi below).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { cpuProfileBreakdown } from './cpu-profile-breakdown.mjs';
import { cpuSeconds, peakRssMb } from './process-stats.mjs';
import { realisticRequest } from './realistic-request.mjs';
import { loadDemo } from '../hapi/build-service.mjs';
import { buildHapi, freePort, startHapi } from '../hapi/hapi-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const duration = args.quick !== undefined ? 3 : Number(args.duration ?? 10);
const hasTaskset = (() => {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (hasTaskset) {
  execFileSync('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
}

/** Starts `node …args` pinned to `core`; resolves once `ready` matches its output. */
function startServer(nodeArgs, env, ready, core = '0') {
  const command = hasTaskset ? 'taskset' : process.execPath;
  const argv = hasTaskset ? ['-c', core, process.execPath, ...nodeArgs] : nodeArgs;
  const child = spawn(command, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    const onData = (chunk) => {
      out += chunk;
      const match = out.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match, pid: child.pid });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

async function drive(label, url, body, connections, pid, fhirServerPid) {
  // Warm up (JIT, connection pools), then measure.
  await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: 1 });
  const cpuBefore = cpuSeconds(pid);
  const fhirCpuBefore = fhirServerPid ? cpuSeconds(fhirServerPid) : 0;
  const r = await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration });
  const cpu = cpuSeconds(pid) - cpuBefore;
  const fhirCpu = fhirServerPid ? cpuSeconds(fhirServerPid) - fhirCpuBefore : 0;
  const requests = r.requests.total;
  const perRequestMs = (seconds) => (requests ? Math.round((seconds / requests) * 1000 * 100) / 100 : NaN);
  return {
    label,
    connections,
    requestsPerSecond: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    cpuMsPerRequest: perRequestMs(cpu),
    ...(fhirServerPid ? { fhirServerCpuMsPerRequest: perRequestMs(fhirCpu) } : {}),
    peakRssMb: peakRssMb(pid),
    errors: r.errors + r.timeouts + r.non2xx,
    requests,
  };
}

/** One FHIR round trip to the sandbox: its slowest prefetch query (Observations by code), alone. */
async function sandboxLatency(serviceUrl, fhirBaseUrl, patientId) {
  const discovery = await (await fetch(`${serviceUrl}/cds-services`)).json();
  const template = discovery.services.find((s) => s.id === 'pcb-evaluation').prefetch.observations;
  const url = `${fhirBaseUrl}/${template.replaceAll('{{context.patientId}}', patientId)}`;
  const r = await autocannon({ url, connections: 1, duration: Math.min(duration, 5) });
  return { p50Ms: r.latency.p50, averageMs: r.latency.average };
}

/**
 * Where the CPU goes on the full-prefetch path, for the service and for the baseline: a second instance of each
 * under `node --cpu-prof`, driven at concurrency 10, its profile folded into request stages (the profiler slows
 * it a little: the shares are what count).
 */
async function profiledRun(script, env, ready, endpointOf, body) {
  const dir = join(root, 'bench-results', `profile-${Date.now()}`);
  const started = Date.now();
  const server = await startServer(['--cpu-prof', `--cpu-prof-dir=${dir}`, script], env, ready);
  const row = await drive('profiled', endpointOf(server.match), body, 10, server.pid);
  const skipSeconds = (Date.now() - started) / 1000 - duration; // start-up and warm-up left out
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
  return { cpuMsPerRequest: row.cpuMsPerRequest, stages: cpuProfileBreakdown(dir, skipSeconds, row.cpuMsPerRequest) };
}

const SERVICE_READY = /Discovery:\s+(http:\/\/\S+)\/cds-services/;
const FULL_PREFETCH_LABEL = 'service, full prefetch';
const NEST_ROUTE_LABEL = 'service, full prefetch, FAST_HOOK_ROUTE=off (Nest route)';

/** The fast hook route against the Nest route at one concurrency: req/s and CPU ms/request each way, and their ratio. */
function fastHookRouteGain(rows, connections) {
  const on = rows.find((r) => r.label === FULL_PREFETCH_LABEL && r.connections === connections);
  const off = rows.find((r) => r.label === NEST_ROUTE_LABEL && r.connections === connections);
  const round2 = (n) => Math.round(n * 100) / 100;
  return {
    requestsPerSecondOn: on.requestsPerSecond,
    requestsPerSecondOff: off.requestsPerSecond,
    throughputRatio: round2(on.requestsPerSecond / off.requestsPerSecond),
    cpuMsPerRequestOn: on.cpuMsPerRequest,
    cpuMsPerRequestOff: off.cpuMsPerRequest,
    cpuMsSavedPerRequest: round2(off.cpuMsPerRequest - on.cpuMsPerRequest),
  };
}

/** The machine a run was made on, for its JSON. */
function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    pinned: hasTaskset,
  };
}

/** The rows as a table; `fhirColumn` names the FHIR server's CPU column. */
function printRows(rows, fhirColumn) {
  console.table(
    rows.map(
      ({ label, connections, requestsPerSecond, p50Ms, p99Ms, cpuMsPerRequest, fhirServerCpuMsPerRequest, peakRssMb: rss, errors }) => ({
        label,
        c: connections,
        'req/s': requestsPerSecond,
        'p50 ms': p50Ms,
        'p99 ms': p99Ms,
        'CPU ms/req': cpuMsPerRequest,
        [fhirColumn]: fhirServerCpuMsPerRequest ?? '',
        'peak RSS MB': rss,
        errors,
      }),
    ),
  );
}

async function main() {
  console.log('building the service…');
  execFileSync('npx', ['nx', 'build', 'cds-service', '--outputStyle=static'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  // The FHIR server is a process of its own, as an EHR's is, on the load generator's core: the service's
  // CPU and memory figures are then its own, and its parallel queries can overlap with the server's work.
  const sandbox = await startServer(
    ['dist/apps/cds-service/main.js', 'sandbox'],
    { FHIR_SANDBOX_PORT: '0', LOG_LEVEL: 'warn' },
    /FHIR R4 server:\s+(http:\/\/\S+)/,
    '1',
  );
  const fhirBaseUrl = sandbox.match[1];
  const serviceEnv = {
    PORT: '0',
    HOST: '127.0.0.1',
    FHIR_BASE_URL: fhirBaseUrl,
    CDS_AUTH: 'off',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '0',
  };
  const service = await startServer(['dist/apps/cds-service/main.js'], serviceEnv, SERVICE_READY);
  const serviceUrl = service.match[1].replace('localhost', '127.0.0.1');
  const patientId = 'pcb-demo-overdue-pap';
  const { body, observationCount } = await realisticRequest(serviceUrl, fhirBaseUrl, patientId);
  const noPrefetch = JSON.stringify({ hook: 'patient-view', hookInstance: 'bench', fhirServer: fhirBaseUrl, context: { patientId } });
  const baseline = await startServer([join('tools/bench/baseline-server.mjs')], { PORT: '0' }, /baseline listening on (\d+)/);
  const baselineUrl = `http://127.0.0.1:${baseline.match[1]}/`;
  const endpoint = `${serviceUrl}/cds-services/pcb-evaluation`;

  const rows = [];
  for (const connections of [10, 50]) {
    rows.push(await drive('baseline (bare node:http, parse + fixed answer)', baselineUrl, body, connections, baseline.pid));
    rows.push(await drive(FULL_PREFETCH_LABEL, endpoint, body, connections, service.pid));
  }
  const fhirLatency = await sandboxLatency(serviceUrl, fhirBaseUrl, patientId);
  // c=1 isolates the no-prefetch latency (parallel FHIR queries) from queueing.
  for (const connections of [1, 10, 50]) {
    rows.push(await drive('service, no prefetch (queries the sandbox)', endpoint, noPrefetch, connections, service.pid, sandbox.pid));
  }
  baseline.child.kill('SIGTERM');
  service.child.kill('SIGTERM');
  // The same service with the hook endpoint served by its Nest route: what the fast hook route saves.
  const nestRouted = await startServer(['dist/apps/cds-service/main.js'], { ...serviceEnv, FAST_HOOK_ROUTE: 'off' }, SERVICE_READY);
  const nestEndpoint = `${nestRouted.match[1].replace('localhost', '127.0.0.1')}/cds-services/pcb-evaluation`;
  for (const connections of [10, 50]) {
    rows.push(await drive(NEST_ROUTE_LABEL, nestEndpoint, body, connections, nestRouted.pid));
  }
  nestRouted.child.kill('SIGTERM');
  const breakdown = {
    service: await profiledRun(
      'dist/apps/cds-service/main.js',
      serviceEnv,
      SERVICE_READY,
      (match) => `${match[1].replace('localhost', '127.0.0.1')}/cds-services/pcb-evaluation`,
      body,
    ),
    // Stage by stage, what the fast hook route saves shows as "Express routing" (Express's router and Nest's pipeline).
    'service with FAST_HOOK_ROUTE=off (Nest route)': await profiledRun(
      'dist/apps/cds-service/main.js',
      { ...serviceEnv, FAST_HOOK_ROUTE: 'off' },
      SERVICE_READY,
      (match) => `${match[1].replace('localhost', '127.0.0.1')}/cds-services/pcb-evaluation`,
      body,
    ),
    baseline: await profiledRun(
      'tools/bench/baseline-server.mjs',
      { PORT: '0' },
      /baseline listening on (\d+)/,
      (match) => `http://127.0.0.1:${match[1]}/`,
      body,
    ),
  };
  sandbox.child.kill('SIGTERM');
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  const requestFile = join(root, 'bench-results', 'request.json');
  writeFileSync(requestFile, body);
  const pipeline = JSON.parse(
    execFileSync(process.execPath, ['dist/apps/cds-service/main.js', 'bench-pipeline', requestFile], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'error' },
    }).toString(),
  );

  const ratio = (c) => {
    const b = rows.find((r) => r.label.startsWith('baseline') && r.connections === c);
    const s = rows.find((r) => r.label === FULL_PREFETCH_LABEL && r.connections === c);
    return Math.round((s.requestsPerSecond / b.requestsPerSecond) * 100) / 100;
  };
  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    request: { bytes: body.length, observations: observationCount, patientId },
    durationSeconds: duration,
    rows,
    ratioServiceToBaseline: { c10: ratio(10), c50: ratio(50) },
    fastHookRouteGain: { c10: fastHookRouteGain(rows, 10), c50: fastHookRouteGain(rows, 50) },
    sandboxSingleQuery: fhirLatency,
    pipelineMicroseconds: pipeline,
    cpuBreakdown: breakdown,
  };
  printRows(rows, 'FHIR server CPU ms/req');
  console.log(
    `request ${body.length} bytes (${observationCount} Observations); service/baseline throughput: c10 ${result.ratioServiceToBaseline.c10}, c50 ${result.ratioServiceToBaseline.c50}; sandbox single query p50 ${fhirLatency.p50Ms} ms (mean ${fhirLatency.averageMs} ms)`,
  );
  console.log('fast hook route gain, full prefetch (on = fast hook route, off = Nest route):');
  console.table(result.fastHookRouteGain);
  console.table(pipeline);
  for (const [name, { cpuMsPerRequest, stages }] of Object.entries(breakdown)) {
    console.log(`where the CPU goes: ${name}, full prefetch, c10 (profiled run: ${cpuMsPerRequest} ms/request)`);
    console.table(stages);
  }
  const file = join(root, 'bench-results', `bench-${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  console.log(`written ${file}`);
  const errors = rows.reduce((n, r) => n + r.errors, 0);
  process.exit(errors > 0 ? 1 : 0);
}

/**
 * `--fhir=hapi`: the service without prefetch against HAPI FHIR (tools/hapi-fhir-server, in-memory H2), which
 * takes the sandbox's place on the load generator's core, loaded with the demo data by `main.js load-demo`.
 * HAPI's JIT is warmed by 400 requests first (its compiler threads' CPU would otherwise count as HAPI's per
 * request: ~250 ms cold); then c1 and c10, each with the service's and HAPI's CPU per request.
 */
async function mainHapi() {
  console.log('building the service and HAPI…');
  execFileSync('npx', ['nx', 'build', 'cds-service', '--outputStyle=static'], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false' },
  });
  buildHapi();
  const hapi = await startHapi({ port: await freePort(), ...(hasTaskset ? { cpuCore: 1 } : {}) });
  try {
    const fhirBaseUrl = hapi.baseUrl;
    loadDemo(fhirBaseUrl);
    const service = await startServer(
      ['dist/apps/cds-service/main.js'],
      { PORT: '0', HOST: '127.0.0.1', FHIR_BASE_URL: fhirBaseUrl, CDS_AUTH: 'off', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' },
      SERVICE_READY,
    );
    const serviceUrl = service.match[1].replace('localhost', '127.0.0.1');
    const patientId = 'pcb-demo-overdue-pap';
    const endpoint = `${serviceUrl}/cds-services/pcb-evaluation`;
    const noPrefetch = JSON.stringify({ hook: 'patient-view', hookInstance: 'bench', fhirServer: fhirBaseUrl, context: { patientId } });
    console.log('warming HAPI up (400 requests)…');
    const warmUp = await autocannon({
      url: endpoint,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: noPrefetch,
      connections: 4,
      amount: 400,
    });
    const rows = [];
    for (const connections of [1, 10]) {
      rows.push(await drive('service, no prefetch (queries HAPI)', endpoint, noPrefetch, connections, service.pid, hapi.pid));
    }
    const fhirLatency = await sandboxLatency(serviceUrl, fhirBaseUrl, patientId);
    service.child.kill('SIGTERM');
    const result = {
      date: new Date().toISOString(),
      fhir: 'hapi',
      machine: machine(),
      hapi: {
        startSeconds: hapi.startSeconds,
        peakRssMb: peakRssMb(hapi.pid),
        warmUpErrors: warmUp.errors + warmUp.timeouts + warmUp.non2xx,
      },
      patientId,
      durationSeconds: duration,
      rows,
      hapiSingleObservationQuery: fhirLatency,
    };
    printRows(rows, 'HAPI CPU ms/req');
    console.log(
      `HAPI: started in ${hapi.startSeconds.toFixed(0)} s, peak RSS ${result.hapi.peakRssMb} MB; its Observation search alone: p50 ${fhirLatency.p50Ms} ms (mean ${fhirLatency.averageMs} ms)`,
    );
    mkdirSync(join(root, 'bench-results'), { recursive: true });
    const file = join(root, 'bench-results', `bench-hapi-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));
    console.log(`written ${file}`);
    return rows.reduce((n, r) => n + r.errors, 0) > 0 ? 1 : 0;
  } finally {
    await hapi.stop();
  }
}

(args.fhir === 'hapi' ? mainHapi().then((code) => process.exit(code)) : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
