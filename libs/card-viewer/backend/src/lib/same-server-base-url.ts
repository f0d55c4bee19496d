import type { Socket } from 'node:net';

/**
 * The base URL at which this server accepted a request, from the socket's local side: the address and port
 * the server is listening on, so the viewer's proxy can reach the CDS service it is hosted with, whatever
 * PORT and HOST are (including port 0), without being told.
 */
export function sameServerBaseUrl(socket: Pick<Socket, 'localAddress' | 'localPort'> & { encrypted?: boolean }): string {
  const { localAddress, localPort } = socket;
  if (!localAddress || !localPort) {
    throw new Error('The request socket has no local address');
  }
  const address = localAddress.startsWith('::ffff:') ? localAddress.slice('::ffff:'.length) : localAddress;
  const host = address.includes(':') ? `[${address}]` : address;
  return `${socket.encrypted ? 'https' : 'http'}://${host}:${localPort}`;
}
