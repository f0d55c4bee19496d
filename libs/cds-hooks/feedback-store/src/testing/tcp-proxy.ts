import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Cuts every connection and stops listening: to the client, the database is gone. */
  close(): Promise<void>;
}

/**
 * A loopback TCP proxy to 127.0.0.1:`targetPort`, to take a database away from a client and give it back (start
 * another proxy on the same `port`) without touching the database server itself.
 */
export async function startTcpProxy(targetPort: number, port = 0): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const track = (socket: Socket): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    track(client);
    track(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
