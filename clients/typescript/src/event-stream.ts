import type { LoggedEvent } from './models';

/** One frame of `GET /events/stream`: an event (its `cursor` is the SSE `id:`), or a reset. */
export type StreamedEvent =
  | { kind: 'event'; event: LoggedEvent }
  /** The cursor resumed from is older than the log: events between were dropped by retention. */
  | { kind: 'reset'; after: string; detail: string };

/**
 * The frames of a `text/event-stream` body, as they arrive (WHATWG "event stream
 * interpretation", enough of it for popgate: `id`, `event`, `data`, comments skipped).
 */
export async function* streamedEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<StreamedEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.search(/\r?\n\r?\n/)) >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end).replace(/^\r?\n\r?\n/, '');
        const frame = frameOf(block);
        if (frame) yield frame;
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function frameOf(block: string): StreamedEvent | null {
  const fields: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    fields[name] = name === 'data' && fields.data !== undefined ? `${fields.data}\n${value}` : value;
  }
  if (fields.data === undefined) return null;
  const data = JSON.parse(fields.data) as Record<string, unknown>;
  if (fields.event === 'reset') return { kind: 'reset', after: String(data.after), detail: String(data.detail) };
  return { kind: 'event', event: { ...data, cursor: fields.id ?? '' } as LoggedEvent };
}
