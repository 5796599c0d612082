import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ProblemJson } from '../../models/problem';
import { PROBLEM_TYPE_BASE } from '../problems/problem';

/**
 * Requests node's HTTP parser refuses before express ever runs (a 1 MB header, a request line
 * that is not HTTP) get a problem+json answer like every other error, then the connection
 * closes: after a parse error nothing more on it can be trusted.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, title, detail] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request header fields too large', 'The request headers exceed the server limit (16 KB).']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request timeout', 'The request was not received completely in time.']
          : [400, 'Malformed HTTP request', 'The request is not valid HTTP/1.1.'];
    const problem: ProblemJson = { type: `${PROBLEM_TYPE_BASE}invalid_request`, title, status, detail, code: 'invalid_request' };
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
