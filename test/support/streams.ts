import type * as http from 'node:http';
import type { Response as AgentResponse } from 'superagent';
import type { Response } from 'supertest';

/** Reads a stream (a RETR body, a raw message) to its end; rejects with the stream's error. */
export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** For `.buffer(true).parse(bytes)`: the body as a Buffer, whatever its Content-Type. */
export function bytes(response: AgentResponse, callback: (err: Error | null, body: Buffer) => void): void {
  // In Node, superagent hands parsers the raw http.IncomingMessage.
  const res = response as unknown as http.IncomingMessage;
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
  res.on('error', (err) => callback(err, Buffer.concat(chunks)));
}

/** The body of a supertest response as a Buffer (after `.parse(bytes)`). */
export function bodyBytes(res: Response): Buffer {
  if (!Buffer.isBuffer(res.body)) throw new Error(`expected a Buffer body, got ${typeof res.body}`);
  return res.body;
}
