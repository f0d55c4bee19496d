import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { Agent, get } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Controller, Get } from '@nestjs/common';
import { createObservabilityTestApp } from '../testing/observability-test-app';
import type { GracefulShutdown, ShutdownCloser } from './graceful-shutdown';
import { enableGracefulShutdown } from './graceful-shutdown';
import { ReadinessService } from './readiness.service';

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A route that answers only when the test says so: "slow" without any sleep. */
@Controller('slow')
class SlowController {
  static entered: Deferred;
  static release: Deferred;
  static events: string[];

  @Get()
  async slow(): Promise<{ done: boolean }> {
    SlowController.entered.resolve();
    await SlowController.release.promise;
    SlowController.events.push('slow request answered');
    return { done: true };
  }
}

interface Answer {
  status: number;
  body: string;
  headers: IncomingHttpHeaders;
  socket: Socket;
}

function httpGet(port: number, path: string, agent?: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (res) => {
      const socket = res.socket; // the agent takes it back (res.socket = null) once the response ends
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers, socket }));
    }).on('error', reject);
  });
}

function connectionError(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('enableGracefulShutdown', () => {
  let app: INestApplication;
  let port: number;
  let signals: EventEmitter;
  let exit: jest.Mock;
  let shutdown: GracefulShutdown;
  let agent: Agent;

  async function start(closers: ShutdownCloser[], drainTimeoutMs = 10_000, readinessDrainMs = 0): Promise<void> {
    SlowController.entered = deferred();
    SlowController.release = deferred();
    SlowController.events = [];
    signals = new EventEmitter();
    exit = jest.fn();
    app = (await createObservabilityTestApp([SlowController])).app;
    shutdown = enableGracefulShutdown(app, { signalSource: signals, exit, closers, drainTimeoutMs, readinessDrainMs });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
    agent = new Agent({ keepAlive: true });
  }

  afterEach(() => {
    shutdown.dispose();
    agent.destroy();
    SlowController.release.resolve();
  });

  it('on SIGTERM: refuses new connections, lets the in-flight request finish, closes keep-alive sockets, runs closers, exits 0', async () => {
    const closer = (name: string): ShutdownCloser => ({ name, close: async () => void SlowController.events.push(`closed ${name}`) });
    await start([closer('fhir-sandbox'), closer('feedback-store')]);

    // An idle kept-alive connection, as a load balancer or an EHR keeps them.
    const idle = await httpGet(port, '/health', agent);
    expect(idle.status).toBe(200);
    const idleClosed = new Promise<void>((resolve) => idle.socket.once('close', () => resolve()));

    const inFlight = httpGet(port, '/slow', new Agent({ keepAlive: true })); // its own socket, kept alive too
    await SlowController.entered.promise;

    signals.emit('SIGTERM');

    expect((app.getHttpServer() as Server).listening).toBe(false);
    expect(await app.get(ReadinessService).report()).toEqual({ status: 'shutting-down', checks: [] });
    expect(await connectionError(port)).toBe('ECONNREFUSED');
    await idleClosed; // closed by the server, not by the client
    expect(exit).not.toHaveBeenCalled();

    SlowController.release.resolve();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ done: true });
    expect(answer.headers.connection).toBe('close');

    expect(await shutdown.shutdown()).toBe(0);
    expect(exit).toHaveBeenCalledWith(0);
    expect(exit).toHaveBeenCalledTimes(1);
    expect(SlowController.events).toEqual(['slow request answered', 'closed fhir-sandbox', 'closed feedback-store']);
  });

  it('with a readiness drain: /ready 503 while still listening, answers on kept-alive connections carry Connection: close, in-flight requests finish', async () => {
    // Long enough that the checks below all happen inside it on a loaded machine; it bounds nothing.
    await start([], 10_000, 5_000);
    const kept = await httpGet(port, '/health', agent);
    expect(kept.headers.connection).toBe('keep-alive');
    const inFlight = httpGet(port, '/slow', new Agent({ keepAlive: true }));
    await SlowController.entered.promise;

    signals.emit('SIGTERM');

    expect((app.getHttpServer() as Server).listening).toBe(true);
    const ready = await httpGet(port, '/ready', agent);
    expect(ready.socket).toBe(kept.socket); // the same kept-alive connection, answered rather than reset
    expect(ready.status).toBe(503);
    expect(ready.headers.connection).toBe('close');
    expect(JSON.parse(ready.body)).toEqual({ status: 'shutting-down', checks: [] });

    SlowController.release.resolve();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe('close');

    expect(await shutdown.shutdown()).toBe(0);
    expect((app.getHttpServer() as Server).listening).toBe(false);
    expect(await connectionError(port)).toBe('ECONNREFUSED');
  }, 30_000);

  it('cuts the requests still running after the drain timeout, then still closes and exits 0', async () => {
    const close = jest.fn(async () => undefined);
    await start([{ name: 'store', close }], 50);
    const inFlight = httpGet(port, '/slow').then(
      () => 'answered',
      (error: NodeJS.ErrnoException) => error.code,
    );
    await SlowController.entered.promise;
    expect(await shutdown.shutdown('SIGTERM')).toBe(0);
    expect(await inFlight).toBe('ECONNRESET');
    expect(close).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits 1 when a closer fails, after running the others', async () => {
    const after = jest.fn(async () => undefined);
    await start([
      {
        name: 'broken',
        close: () => {
          throw new Error('pool already ended');
        },
      },
      { name: 'after', close: after },
    ]);
    signals.emit('SIGINT');
    expect(await shutdown.shutdown()).toBe(1);
    expect(after).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(1);
  });

  it('exits 1 at once on a second signal while draining', async () => {
    await start([]);
    const inFlight = httpGet(port, '/slow');
    await SlowController.entered.promise;
    signals.emit('SIGTERM');
    signals.emit('SIGINT');
    expect(exit).toHaveBeenCalledWith(1);
    SlowController.release.resolve();
    expect((await inFlight).status).toBe(200);
    await shutdown.shutdown();
  });
});
