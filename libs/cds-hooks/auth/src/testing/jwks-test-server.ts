import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { JSONWebKeySet } from 'jose';

/**
 * - `serve`: 200 with the JWK Set;
 * - `never-respond`: accepts the connection and never answers;
 * - `stall-body`: sends 200 headers and half a body, then nothing (defeats idle-only timeouts);
 * - `error`: 500.
 */
export type JwksServerBehaviour = 'serve' | 'never-respond' | 'stall-body' | 'error';

export interface JwksTestServer {
  /** The JWK Set URL, on 127.0.0.1 and an ephemeral port. */
  readonly url: string;
  /** How many requests arrived (any path). */
  readonly requests: number;
  jwks: JSONWebKeySet;
  behaviour: JwksServerBehaviour;
  close(): Promise<void>;
}

/** A local JWKS endpoint for tests that counts its requests. */
export async function startJwksTestServer(
  jwks: JSONWebKeySet,
  behaviour: JwksServerBehaviour = 'serve',
  path = '/.well-known/jwks.json',
): Promise<JwksTestServer> {
  const sockets = new Set<Socket>();
  let requests = 0;
  const state = { jwks, behaviour };
  const server = createServer((req, res) => {
    requests += 1;
    switch (state.behaviour) {
      case 'never-respond':
        return;
      case 'stall-body':
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"keys":[');
        return;
      case 'error':
        res.writeHead(500).end();
        return;
      default:
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(state.jwks));
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    get requests(): number {
      return requests;
    },
    get jwks(): JSONWebKeySet {
      return state.jwks;
    },
    set jwks(value: JSONWebKeySet) {
      state.jwks = value;
    },
    get behaviour(): JwksServerBehaviour {
      return state.behaviour;
    },
    set behaviour(value: JwksServerBehaviour) {
      state.behaviour = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Stalled connections would keep the server (and Jest) alive.
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
