import type { Server, ServerResponse } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { ReadinessService } from './readiness.service';

/** Something to close after the HTTP server has drained (the FHIR sandbox, the feedback store's pool). */
export interface ShutdownCloser {
  name: string;
  close: () => Promise<void> | void;
}

/** Where signals come from; `process` in production, an EventEmitter in tests. */
export interface SignalSource {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  removeListener(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface GracefulShutdownOptions {
  /**
   * How long readiness answers 503 while the listener still accepts, before it closes; default 0. Load balancers
   * probe /ready every few seconds: this is their time to notice and stop sending, so that no request meets a
   * closed port. Responses sent meanwhile carry `Connection: close`.
   */
  readinessDrainMs?: number;
  /** How long in-flight requests may take to finish before their connections are cut; default 10 s. */
  drainTimeoutMs?: number;
  /** Run in order once the HTTP server is closed and Nest's shutdown hooks ran. */
  closers?: ShutdownCloser[];
  /** Time allowed to each closer; default 5 s. */
  closerTimeoutMs?: number;
  /** Default SIGTERM and SIGINT. */
  signals?: NodeJS.Signals[];
  signalSource?: SignalSource;
  /** Default `process.exit`. */
  exit?: (code: number) => void;
  logger?: LoggerService;
}

export interface GracefulShutdown {
  /** What a signal triggers; resolves with the exit code, after `exit` was called. Idempotent. */
  shutdown(reason?: string): Promise<number>;
  /** Stops listening to the signals (tests; an app that shuts down another way). */
  dispose(): void;
}

export const DEFAULT_DRAIN_TIMEOUT_MS = 10_000;
export const DEFAULT_CLOSER_TIMEOUT_MS = 5_000;

/**
 * Replaces `app.enableShutdownHooks()` (do not call both: Nest's version re-raises the signal, so the process
 * ends with 143/130 and may cut requests). On SIGTERM/SIGINT:
 *
 * 1. readiness answers 503 ("shutting-down"); for `readinessDrainMs` the server still accepts and answers, every
 *    response with `Connection: close` (a client on a kept-alive connection gets its answer, then a clean close,
 *    never a reset); then the listening socket closes (new connections are refused);
 * 2. idle keep-alive sockets are closed, in-flight requests finish with `Connection: close`, each socket
 *    closing as its response ends; after `drainTimeoutMs` the remaining connections are cut;
 * 3. `app.close()` runs Nest's shutdown hooks, then the closers run in order, each under a timeout;
 * 4. exit 0, or 1 when a closer failed. A second signal during all this exits 1 at once.
 *
 * Call it after `NestFactory.create` and before `listen`.
 */
export function enableGracefulShutdown(app: INestApplication, options: GracefulShutdownOptions = {}): GracefulShutdown {
  const server = app.getHttpServer() as Server;
  const logger = options.logger ?? new Logger('Shutdown');
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const source = options.signalSource ?? process;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const drainTimeoutMs = options.drainTimeoutMs ?? DEFAULT_DRAIN_TIMEOUT_MS;
  const readinessDrainMs = options.readinessDrainMs ?? 0;
  const closerTimeoutMs = options.closerTimeoutMs ?? DEFAULT_CLOSER_TIMEOUT_MS;

  const inFlight = new Set<ServerResponse>();
  let draining = false;
  let running: Promise<number> | undefined;

  server.on('request', (_req, res: ServerResponse) => {
    if (draining && !res.headersSent) {
      res.setHeader('Connection', 'close'); // a request that came in on a kept-alive socket during the drain
    }
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) {
        // The socket is idle once the response is out (if the client kept it): close it rather than wait.
        setImmediate(() => server.closeIdleConnections());
      }
    });
  });

  const onSignal = (signal: NodeJS.Signals) => (): void => {
    if (running) {
      logger.warn(`${signal} received again during shutdown: exiting now`);
      exit(1);
      return;
    }
    void shutdown(signal);
  };
  const listeners = signals.map((signal) => ({ signal, listener: onSignal(signal) }));
  const listen = (): void => {
    for (const { signal, listener } of listeners) {
      source.removeListener(signal, listener);
      source.once(signal, listener);
    }
  };
  const dispose = (): void => {
    for (const { signal, listener } of listeners) {
      source.removeListener(signal, listener);
    }
  };
  listen();

  const shutdown = (reason = 'shutdown requested'): Promise<number> => {
    if (!running) {
      // Keep listening, so that a second signal can force the exit.
      listen();
      running = run(reason);
    }
    return running;
  };

  const run = async (reason: string): Promise<number> => {
    logger.log(`${reason}: draining ${inFlight.size} in-flight request(s)`);
    draining = true;
    markNotReady(app);
    for (const res of inFlight) {
      if (!res.headersSent) {
        res.setHeader('Connection', 'close');
      }
    }
    // Idle kept-alive sockets are not closed yet: a request already on its way on one must get an answer.
    if (readinessDrainMs > 0) {
      logger.log(`readiness answers 503 for ${readinessDrainMs} ms before the listener closes`);
      await new Promise((resolve) => setTimeout(resolve, readinessDrainMs));
    }
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    if (!(await within(closed, drainTimeoutMs))) {
      logger.warn(`${inFlight.size} request(s) still running after ${drainTimeoutMs} ms: closing their connections`);
      server.closeAllConnections();
      await closed;
    }
    let code = 0;
    try {
      await app.close();
    } catch (error) {
      code = 1;
      logger.error(`Nest shutdown hooks failed: ${(error as Error).message}`);
    }
    for (const closer of options.closers ?? []) {
      try {
        if (
          !(await within(
            Promise.resolve().then(() => closer.close()),
            closerTimeoutMs,
          ))
        ) {
          throw new Error(`no answer within ${closerTimeoutMs} ms`);
        }
      } catch (error) {
        code = 1;
        logger.error(`closing ${closer.name} failed: ${(error as Error).message}`);
      }
    }
    dispose();
    logger.log(`stopped (exit ${code})`);
    exit(code);
    return code;
  };

  return { shutdown, dispose };
}

/** Readiness turns 503 while draining, for load balancers still probing kept-alive connections. */
function markNotReady(app: INestApplication): void {
  try {
    app.get(ReadinessService, { strict: false }).markShuttingDown();
  } catch {
    // The app does not use ObservabilityModule: nothing to mark.
  }
}

/** true when `promise` settles within `ms`; false when the time ran out first (its outcome is then ignored). */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
