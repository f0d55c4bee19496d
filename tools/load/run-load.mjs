#!/usr/bin/env node
// Bounded load test of a RUNNING pcb-cds service, on this machine only.
//
// Usage (start the service first, e.g. `npm start`, in another terminal):
//
//   node tools/load/run-load.mjs [--url http://127.0.0.1:3000] [--fhir http://127.0.0.1:8081/fhir]
//                                [--service pcb-evaluation] [--mode both|prefetch|fhir]
//                                [--duration 20] [--connections 8] [--max-requests 10000]
//                                [--timeout 10] [--patients id1,id2] [--max-patients 30] [--json]
//
//   --url           the service's base URL (the "Discovery" line of its banner, without /cds-services)
//   --fhir          the FHIR base URL of its banner ("FHIR R4 server"): the embedded sandbox with the demo patients
//   --service       the CDS service id (default: the first patient-view service of the discovery document)
//   --mode          prefetch: requests carry every prefetch key, fetched beforehand from --fhir by the built
//                   service's own prefetch builder (dist/apps/cds-service/main.js prefetch; `npm start` builds it);
//                   fhir: requests carry no prefetch and `fhirServer` = --fhir, so the service fetches itself;
//                   both (default): the two run at the same time, each on half of the connections
//   --duration      seconds of load (1–300, default 20); the run stops at the first of duration and max requests
//   --connections   concurrent connections in all (1–64, default 8)
//   --max-requests  upper bound on the requests sent in all (default 10000)
//   --timeout       seconds before a request counts as timed out (default 10)
//   --patients      patient ids to use (default: the first --max-patients Patients found on --fhir)
//   --json          print the report as JSON instead of text
//
// Both URLs must be loopback (127.0.0.0/8, ::1, localhost): this tool never loads another machine. Before the
// load, one request per mode must answer 200 with a `cards` array, else it stops and says why.
//
// The service must accept unauthenticated calls: start it with CDS_AUTH=off (CDS Hooks client JWTs are
// single-use, a load generator cannot replay one), and with the /cds-services rate limit off or far above the
// load (its default, 120 requests a minute per client, turns almost all of a load test into 429s).
//
// Exit code: 0 when every request answered 2xx; 1 when there were errors, timeouts or non-2xx answers;
// 2 for bad arguments, a refused host or a failed pre-check. Not part of `npm test` (timings vary by machine).
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { parseArgs } from 'node:util';
import { buildPrefetches } from './build-prefetch.mjs';

const HOOK_INSTANCE_PLACEHOLDER = '00000000-0000-4000-8000-load-placeholder';

class UsageError extends Error {}

function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      url: { type: 'string', default: 'http://127.0.0.1:3000' },
      fhir: { type: 'string', default: 'http://127.0.0.1:8081/fhir' },
      service: { type: 'string' },
      mode: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '20' },
      connections: { type: 'string', default: '8' },
      'max-requests': { type: 'string', default: '10000' },
      timeout: { type: 'string', default: '10' },
      patients: { type: 'string' },
      'max-patients': { type: 'string', default: '30' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    return { help: true };
  }
  const modes = { both: ['prefetch', 'fhir'], prefetch: ['prefetch'], fhir: ['fhir'] }[values.mode];
  if (!modes) {
    throw new UsageError('--mode must be both, prefetch or fhir');
  }
  const options = {
    url: loopbackUrl(values.url, '--url'),
    fhir: loopbackUrl(values.fhir, '--fhir'),
    service: values.service,
    modes,
    duration: integer(values.duration, '--duration', 1, 300),
    connections: integer(values.connections, '--connections', 1, 64),
    maxRequests: integer(values['max-requests'], '--max-requests', 1, 1_000_000),
    timeout: integer(values.timeout, '--timeout', 1, 60),
    patients: values.patients
      ?.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    maxPatients: integer(values['max-patients'], '--max-patients', 1, 1000),
    json: values.json,
  };
  if (options.connections < modes.length) {
    throw new UsageError(`--connections must be at least ${modes.length} for --mode ${values.mode}`);
  }
  if (options.maxRequests < options.connections) {
    throw new UsageError('--max-requests must be at least --connections');
  }
  return options;
}

function integer(raw, name, min, max) {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  }
  return n;
}

/** Only this machine: a load test must never be pointed at someone else's server by a typo. */
function loopbackUrl(raw, name) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${name} is not a URL: ${raw}`);
  }
  if (url.protocol !== 'http:') {
    throw new UsageError(`${name} must be an http:// URL on loopback`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.split('.')[0] === '127');
  if (!loopback) {
    throw new UsageError(`${name} host "${url.hostname}" is not loopback (127.0.0.0/8, ::1 or localhost): refused`);
  }
  return url.href.replace(/\/+$/, '');
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/fhir+json, application/json' }, signal: AbortSignal.timeout(15_000) });
  if (!res.ok) {
    throw new Error(`GET ${url} answered ${res.status}`);
  }
  return res.json();
}

async function discover(options) {
  const discovery = await getJson(`${options.url}/cds-services`);
  const services = Array.isArray(discovery?.services) ? discovery.services : [];
  const service = options.service ? services.find((s) => s.id === options.service) : services.find((s) => s.hook === 'patient-view');
  if (!service) {
    throw new UsageError(
      options.service ? `no service "${options.service}" in the discovery document` : 'no patient-view service in the discovery document',
    );
  }
  if (service.hook !== 'patient-view') {
    throw new UsageError(`service "${service.id}" is for hook ${service.hook}, not patient-view`);
  }
  return service;
}

async function patientIds(options) {
  if (options.patients?.length) {
    return options.patients;
  }
  const bundle = await getJson(`${options.fhir}/Patient?_count=${options.maxPatients}&_elements=id`);
  const ids = (bundle.entry ?? []).map((e) => e.resource?.id).filter((id) => typeof id === 'string');
  if (ids.length === 0) {
    throw new UsageError(`no Patient on ${options.fhir}: is it the sandbox with the demo patients?`);
  }
  return ids.slice(0, options.maxPatients);
}

async function buildBodies(options, service, ids) {
  const bodies = { prefetch: [], fhir: [] };
  const userId = 'Practitioner/load-test';
  // Built by the product itself (see build-prefetch.mjs): every page of a search, a missing read as null.
  const prefetches = options.modes.includes('prefetch') ? await buildPrefetches(service.prefetch ?? {}, options.fhir, ids, { userId }) : {};
  for (const patientId of ids) {
    const base = { hook: 'patient-view', hookInstance: HOOK_INSTANCE_PLACEHOLDER, context: { userId, patientId } };
    if (options.modes.includes('prefetch')) {
      bodies.prefetch.push(JSON.stringify({ ...base, prefetch: prefetches[patientId] }));
    }
    if (options.modes.includes('fhir')) {
      bodies.fhir.push(JSON.stringify({ ...base, fhirServer: options.fhir }));
    }
  }
  return bodies;
}

const withHookInstance = (body) => body.replace(HOOK_INSTANCE_PLACEHOLDER, randomUUID());

/** One real call per mode before the load: a wrong setup must fail loudly, not as 10 000 non-2xx. */
async function preCheck(url, body, mode) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: withHookInstance(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status === 401 || res.status === 403) {
    throw new UsageError(`pre-check (${mode}) answered ${res.status}: start the service with CDS_AUTH=off`);
  }
  let cards;
  try {
    cards = JSON.parse(text).cards;
  } catch {
    cards = undefined;
  }
  if (res.status !== 200 || !Array.isArray(cards)) {
    throw new UsageError(`pre-check (${mode}) answered ${res.status}: ${text.slice(0, 300)}`);
  }
}

function runMode(options, url, mode, bodies, connections, maxRequests) {
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        title: mode,
        connections,
        duration: options.duration,
        maxOverallRequests: maxRequests,
        timeout: options.timeout,
        requests: [
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            // Round robin over the patients, each call a new hookInstance.
            setupRequest: (request) => ({ ...request, body: withHookInstance(bodies[next++ % bodies.length]) }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // Belt and braces: whatever autocannon does, this run ends.
    const watchdog = setTimeout(() => instance.stop(), (options.duration + options.timeout + 5) * 1000);
    instance.on('done', () => clearTimeout(watchdog));
  });
}

function summarise(result) {
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, { count }]) => [code, Number(count)]));
  return {
    mode: result.title,
    requests: result.requests.total,
    durationSeconds: result.duration,
    requestsPerSecond: result.requests.average,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      average: result.latency.average,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

function printText(report) {
  const lines = [`pcb-cds load test: ${report.url} service ${report.service}, ${report.patients} patients`];
  for (const r of report.modes) {
    lines.push(
      `  ${r.mode.padEnd(8)} ${String(r.requests).padStart(7)} requests in ${r.durationSeconds} s (${r.requestsPerSecond} req/s)` +
        `  latency ms p50 ${r.latencyMs.p50} p90 ${r.latencyMs.p90} p99 ${r.latencyMs.p99} max ${r.latencyMs.max}` +
        `  non-2xx ${r.non2xx}  errors ${r.errors}  timeouts ${r.timeouts}  statuses ${JSON.stringify(r.statusCodes)}`,
    );
  }
  if (report.modes.some((r) => r.statusCodes['429'])) {
    lines.push('  429 = the service rate limit (per client, on /cds-services): raise or switch it off for load tests');
  }
  if (report.modes.some((r) => r.statusCodes['401'] || r.statusCodes['403'])) {
    lines.push('  401/403 = client authentication: start the service with CDS_AUTH=off');
  }
  lines.push(report.ok ? 'OK: every request answered 2xx' : 'FAILED: errors, timeouts or non-2xx answers (see above)');
  console.log(lines.join('\n'));
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (options.help) {
    console.log('see the header of tools/load/run-load.mjs');
    return 0;
  }
  const service = await discover(options);
  const ids = await patientIds(options);
  const bodies = await buildBodies(options, service, ids);
  const target = `${options.url}/cds-services/${encodeURIComponent(service.id)}`;
  for (const mode of options.modes) {
    await preCheck(target, bodies[mode][0], mode);
  }
  const share = (total, i) => Math.floor(total / options.modes.length) + (i < total % options.modes.length ? 1 : 0);
  const results = await Promise.all(
    options.modes.map((mode, i) =>
      runMode(
        options,
        target,
        mode,
        bodies[mode],
        share(options.connections, i),
        Math.max(share(options.maxRequests, i), share(options.connections, i)),
      ),
    ),
  );
  const modes = results.map(summarise);
  const ok = modes.every((r) => r.errors === 0 && r.timeouts === 0 && r.non2xx === 0);
  const report = { url: target, service: service.id, patients: ids.length, ok, modes };
  if (options.json) {
    console.log(JSON.stringify(report, null, 2));
  } else {
    printText(report);
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    const code = error?.cause?.code ?? error?.cause?.errors?.[0]?.code ?? error?.cause?.message;
    const cause = code ? ` (${code})` : '';
    console.error(`run-load: ${error instanceof UsageError ? '' : 'failed: '}${error.message}${cause}`);
    process.exitCode = 2;
  },
);
