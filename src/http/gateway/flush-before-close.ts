import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Makes `server.closeIdleConnections()` — which `server.close()` also calls — spare the tail
 * of a response. Node counts a connection as idle as soon as its response has *ended*, even
 * while that response's last bytes still wait in the socket for a slow client; destroying it
 * then cuts the client's download short (a raw message during shutdown loses its end).
 * Here an idle connection with bytes still queued is ended after they are flushed instead.
 */
export function flushBeforeClosingIdleConnections(server: Server): void {
  const sockets = new Set<Socket>();
  /** Responses not yet finished, per connection (more than one when requests are pipelined). */
  const open = new Map<Socket, number>();

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      open.delete(socket);
    });
  });
  // One shared listener per response, no closure: this runs for every request, the fast lane's too.
  // 'close' comes once per response, after 'finish' (next tick) or on an abort, so a response
  // counts as open until then; closeIdleConnections never runs between the two.
  function responseClosed(this: ServerResponse): void {
    const socket = this.req.socket;
    const left = (open.get(socket) ?? 1) - 1;
    if (left > 0) open.set(socket, left);
    else open.delete(socket);
  }
  server.on('request', (req, res) => {
    open.set(req.socket, (open.get(req.socket) ?? 0) + 1);
    res.on('close', responseClosed);
  });

  server.closeIdleConnections = () => {
    for (const socket of sockets) {
      if (open.has(socket) || socket.destroyed) continue;
      if (socket.writableLength === 0) socket.destroy();
      // end() writes what is queued, then FIN; destroy once flushed, as a half-open client may linger.
      else if (!socket.writableEnded) socket.end(() => socket.destroy());
    }
  };
}
