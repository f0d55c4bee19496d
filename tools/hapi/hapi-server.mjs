// The HAPI FHIR R4 JPA server of tools/hapi-fhir-server: build it (once; Maven keeps the jars in its
// repository), start it on loopback, wait for /fhir/metadata, stop it. Used by `npm run hapi`,
// `npm run test:hapi` and `npm run bench -- --fhir=hapi`.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODULE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'hapi-fhir-server');
const TARGET = join(MODULE_DIR, 'target');
const CLASSPATH_FILE = join(TARGET, 'runtime-classpath.txt');
// Written after a successful build (Maven leaves unchanged outputs untouched, so their dates say nothing).
const BUILT_STAMP = join(TARGET, 'built.stamp');
export const LOG_FILE = join(TARGET, 'hapi.log');
const MAIN_CLASS = 'org.pcbcds.hapi.HapiFhirServerApplication';
// HAPI with H2 in memory needs about 1 GB; the rest of the 24 GiB machine stays for Node and the browser.
const DEFAULT_JAVA_OPTS = ['-Xms256m', '-Xmx1536m'];

const newestMtime = (path) => {
  const s = statSync(path);
  return s.isDirectory() ? Math.max(0, ...readdirSync(path).map((n) => newestMtime(join(path, n)))) : s.mtimeMs;
};

/** `mvn compile` unless target/ is newer than pom.xml and src/. Returns the seconds it took (0 when up to date). */
export function buildHapi({ log = console.log } = {}) {
  const sources = Math.max(newestMtime(join(MODULE_DIR, 'pom.xml')), newestMtime(join(MODULE_DIR, 'src')));
  if (existsSync(BUILT_STAMP) && existsSync(CLASSPATH_FILE) && statSync(BUILT_STAMP).mtimeMs > sources) {
    return 0;
  }
  log('HAPI: building tools/hapi-fhir-server (the first build downloads HAPI from Maven Central)…');
  const started = Date.now();
  const mvn = spawnSync('mvn', ['-B', '-q', '-Dstyle.color=never', '-f', join(MODULE_DIR, 'pom.xml'), 'compile'], { stdio: 'inherit' });
  if (mvn.status !== 0) {
    throw new Error(`mvn compile of tools/hapi-fhir-server failed (exit ${mvn.status ?? mvn.signal})`);
  }
  writeFileSync(BUILT_STAMP, new Date().toISOString());
  return (Date.now() - started) / 1000;
}

/** A free loopback port (the OS picks it; HAPI binds it a moment later). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built server on 127.0.0.1:`port` and resolves once /fhir/metadata answers 200.
 * The returned handle's stop() ends it (SIGTERM: Spring closes HAPI and H2, then the JVM exits).
 */
export async function startHapi({ port, host = '127.0.0.1', startTimeoutMs = 600_000, log = console.log, cpuCore } = {}) {
  const classpath = `${join(TARGET, 'classes')}:${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
  const javaOpts = process.env.HAPI_JAVA_OPTS ? process.env.HAPI_JAVA_OPTS.split(/\s+/).filter(Boolean) : DEFAULT_JAVA_OPTS;
  const logFd = openSync(LOG_FILE, 'w');
  const javaArgv = [process.env.HAPI_JAVA ?? 'java', ...javaOpts, '-cp', classpath, MAIN_CLASS];
  // `cpuCore`: pinned with taskset (npm run bench keeps the FHIR server off the service's core).
  const argv = cpuCore === undefined ? javaArgv : ['taskset', '-c', String(cpuCore), ...javaArgv];
  const java = spawn(argv[0], argv.slice(1), {
    env: { ...process.env, PCB_HAPI_HOST: host, PCB_HAPI_PORT: String(port) },
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let exited = null;
  const exit = new Promise((resolve) => java.once('exit', (code, signal) => resolve((exited = code ?? signal))));
  const baseUrl = `http://${host}:${port}/fhir`;
  const handle = {
    baseUrl,
    pid: java.pid,
    async stop() {
      if (exited === null) {
        java.kill('SIGTERM');
        const killer = setTimeout(() => java.kill('SIGKILL'), 30_000);
        await exit;
        clearTimeout(killer);
      }
    },
  };
  const started = Date.now();
  log(`HAPI: starting on ${baseUrl} (log: ${LOG_FILE})…`);
  while (Date.now() - started < startTimeoutMs) {
    if (exited !== null) {
      throw new Error(`HAPI exited during start (${exited}); last log lines:\n${tail(LOG_FILE, 40)}`);
    }
    if (await answersMetadata(baseUrl)) {
      handle.startSeconds = (Date.now() - started) / 1000;
      return handle;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await handle.stop();
  throw new Error(`HAPI did not answer ${baseUrl}/metadata within ${startTimeoutMs / 1000} s; last log lines:\n${tail(LOG_FILE, 40)}`);
}

export async function answersMetadata(baseUrl) {
  try {
    const res = await fetch(`${baseUrl}/metadata`, { headers: { accept: 'application/fhir+json' }, signal: AbortSignal.timeout(60_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

function tail(file, lines) {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
}
