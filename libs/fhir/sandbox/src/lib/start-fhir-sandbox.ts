import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FhirRouter } from '@medplum/fhir-router';
import type { Bundle as MedplumBundle } from '@medplum/fhirtypes';
import type { Bundle } from 'fhir/r4';
import { buildCapabilityStatement } from './capability-statement';
import { executeBundle } from './execute-bundle';
import { ensureFhirDefinitions } from './fhir-definitions';
import { createRequestListener } from './http-adapter';
import { SandboxRepository } from './sandbox-repository';

export interface FhirSandboxOptions {
  /** Interface to listen on; default '127.0.0.1' (loopback only). */
  host?: string;
  /** Default 0: an ephemeral port, read it from `baseUrl`. */
  port?: number;
  /** Default '/fhir'; '' or '/' serves FHIR at the root. */
  basePath?: string;
  /** Structural validation of every create and update (400 on failure); default false. */
  validate?: boolean;
}

export interface FhirSandbox {
  /** e.g. http://127.0.0.1:8081/fhir, without a trailing slash. */
  readonly baseUrl: string;
  /**
   * Runs a batch or transaction Bundle in-process and returns the response Bundle. A failing
   * transaction is rolled back and rejects with an Error whose `outcome` is the OperationOutcome.
   */
  transaction(bundle: Bundle): Promise<Bundle>;
  /** Stops listening and closes keep-alive sockets; safe to call twice. */
  close(): Promise<void>;
}

function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, '');
  return trimmed === '' || trimmed.startsWith('/') ? trimmed : '/' + trimmed;
}

/** The host as written in a URL: wildcard addresses are reached via loopback, IPv6 is bracketed. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') {
    return '127.0.0.1';
  }
  if (host === '::') {
    return '[::1]';
  }
  return host.includes(':') ? `[${host}]` : host;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Idle keep-alive sockets (fhir-kit-client pools them) would otherwise hold close() open.
    server.closeAllConnections();
  });
}

/**
 * Starts an in-memory FHIR R4 server (medplum's FhirRouter over node:http) for demos and tests:
 * synthetic data only, nothing persisted, small data sets (searches scan every resource of a type).
 * The R4 definitions are indexed on the first call in a process (about a second), not per server.
 */
export async function startFhirSandbox(options: FhirSandboxOptions = {}): Promise<FhirSandbox> {
  const host = options.host ?? '127.0.0.1';
  const basePath = normalizeBasePath(options.basePath ?? '/fhir');
  ensureFhirDefinitions();

  const server = createServer();
  const { port } = await listen(server, options.port ?? 0, host);
  const baseUrl = `http://${urlHost(host)}:${port}${basePath}`;

  const router = new FhirRouter();
  const repo = new SandboxRepository({
    baseUrl,
    validate: options.validate ?? false,
  });
  const capabilityStatement = buildCapabilityStatement(baseUrl);
  server.on(
    'request',
    createRequestListener({
      router,
      repo,
      basePath,
      baseUrl,
      capabilityStatement,
    }),
  );

  let closing: Promise<void> | undefined;
  return {
    baseUrl,
    transaction: async (bundle) => (await executeBundle(router, repo, bundle as unknown as MedplumBundle)) as unknown as Bundle,
    close: () => (closing ??= closeServer(server)),
  };
}
