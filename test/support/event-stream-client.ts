/**
 * A `text/event-stream` client over a raw socket, for tests of `/events/stream`: it records
 * every frame (comments too) as it arrives, and can stop reading to play a slow client.
 */
import * as http from 'node:http';

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  /** A `:` comment line (keep-alive). */
  comment?: string;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body of a refused request (a problem+json), once it ended. */
  body(): string;
  frames: SseFrame[];
  /** The frames that carry an event (`data:`). */
  events(): SseFrame[];
  /** Resolves when the server ended or cut the response. */
  ended: Promise<void>;
  isEnded(): boolean;
  /** Stop reading: what the server writes piles up in its buffers. */
  pause(): void;
  resume(): void;
  close(): void;
}

export function openEventStream(port: number, path: string, headers: Record<string, string> = {}): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: { Accept: 'text/event-stream', ...headers }, agent: false }, (res) => {
      const frames: SseFrame[] = [];
      let text = '';
      let ended = false;
      let markEnded = (): void => undefined;
      const endedPromise = new Promise<void>((done) => (markEnded = done));
      const finish = (): void => {
        ended = true;
        markEnded();
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (res.statusCode !== 200) return;
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          frames.push(frameOf(text.slice(0, end)));
          text = text.slice(end + 2);
        }
      });
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        body: () => text,
        frames,
        events: () => frames.filter((frame) => frame.data !== undefined),
        ended: endedPromise,
        isEnded: () => ended,
        pause: () => res.pause(),
        resume: () => res.resume(),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

function frameOf(block: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    else {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon) as 'id' | 'event' | 'data';
      frame[name] = line.slice(colon + 1).replace(/^ /, '');
    }
  }
  return frame;
}

export interface ResumingSseClient {
  /** Every event frame received, over every connection, in arrival order. */
  events(): SseFrame[];
  /** Connections opened so far (1 + reconnects). */
  connections(): number;
  close(): void;
}

/**
 * An event-stream reader that behaves as EventSource does: when the stream ends (or a
 * reconnect is refused, e.g. 503 while Redis is away) it opens the same path again after
 * `retryMs`, with `Last-Event-ID` set to the last `id:` it received. Resolves once the first
 * connection answered 200.
 */
export async function openResumingEventStream(port: number, path: string, headers: Record<string, string> = {}, retryMs = 500): Promise<ResumingSseClient> {
  const received: SseFrame[] = [];
  let connections = 0;
  let closed = false;
  let current: SseClient | null = null;
  const lastId = (): Record<string, string> => {
    const id = [...received].reverse().find((frame) => frame.id !== undefined)?.id;
    return id === undefined ? {} : { 'Last-Event-ID': id };
  };
  const follow = (client: SseClient): void => {
    let taken = 0;
    const drain = (): void => {
      received.push(...client.events().slice(taken));
      taken = client.events().length;
    };
    // Frames are copied as they arrive, so a reconnect's Last-Event-ID is the newest one.
    const copier = setInterval(drain, 20);
    void client.ended.then(() => {
      clearInterval(copier);
      drain();
      if (!closed) setTimeout(() => void reconnect(), retryMs);
    });
  };
  const reconnect = async (): Promise<void> => {
    if (closed) return;
    connections++;
    const client = await openEventStream(port, path, { ...headers, ...lastId() }).catch(() => null);
    if (closed) return client?.close();
    if (client?.status !== 200) {
      client?.close();
      setTimeout(() => void reconnect(), retryMs);
      return;
    }
    current = client;
    follow(client);
  };
  connections++;
  const first = await openEventStream(port, path, headers);
  if (first.status !== 200) {
    first.close();
    throw new Error(`event stream answered ${first.status}: ${first.body()}`);
  }
  current = first;
  follow(first);
  return {
    events: () => received,
    connections: () => connections,
    close: () => {
      closed = true;
      current?.close();
    },
  };
}
