import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Makes `server.closeIdleConnections()` — which `server.close()` also calls — spare the tail
 * of a response. Node's own skips a connection whose response is in progress, but asks the
 * response's `finished`, which is true as soon as it has *ended*, even while its last bytes
 * still wait in the socket for a slow client; destroying it then cuts the client's download
 * short (a raw message during shutdown loses its end). Here a connection counts as busy until
 * its response is flushed, and an idle connection with bytes still queued is ended after they
 * are written instead.
 */
export function flushBeforeClosingIdleConnections(server: Server): void {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  server.closeIdleConnections = () => {
    for (const socket of sockets) {
      if (socket.destroyed || responseInProgress(socket)) continue;
      if (socket.writableLength === 0) socket.destroy();
      // end() writes what is queued, then FIN; destroy once flushed, as a half-open client may linger.
      else if (!socket.writableEnded) socket.end(() => socket.destroy());
    }
  };
}

/**
 * Whether a response is being made or written on this connection. Node keeps it as the
 * socket's `_httpMessage` from the moment the request arrives until the response has finished,
 * that is, until its last byte was handed to the kernel; a pipelined request's response takes
 * its place at once. Node's own closeIdleConnections reads the same field. (Listening to every
 * response's `close` would tell the same, at a cost on every request, the fast lane's too.)
 */
function responseInProgress(socket: Socket): boolean {
  return (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage != null;
}
