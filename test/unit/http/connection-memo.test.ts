import * as net from 'node:net';
import { once } from 'node:events';
import { ConnectionMemo } from '../../../src/http/auth/connection-memo';

/** A memo whose derivations are counted: `derived` lists every value it was asked to derive. */
function counted(): { memo: ConnectionMemo<string>; derived: string[] } {
  const derived: string[] = [];
  const memo = new ConnectionMemo((value) => {
    derived.push(value);
    return value.startsWith('ok ') ? `found:${value}` : null;
  });
  return { memo, derived };
}

/** Both ends of a real loopback TCP connection; `close()` ends them and the server. */
async function connection(): Promise<{ client: net.Socket; server: net.Socket; close(): Promise<void> }> {
  const listener = net.createServer();
  listener.listen(0, '127.0.0.1');
  await once(listener, 'listening');
  const accepted = once(listener, 'connection') as Promise<[net.Socket]>;
  const client = net.connect((listener.address() as net.AddressInfo).port, '127.0.0.1');
  const [server] = await accepted;
  return {
    client,
    server,
    close: async () => {
      client.destroy();
      server.destroy();
      await new Promise((resolve) => listener.close(resolve));
    },
  };
}

describe('ConnectionMemo', () => {
  let open: Awaited<ReturnType<typeof connection>>[] = [];
  const connect = async (): Promise<net.Socket> => {
    const pair = await connection();
    open.push(pair);
    return pair.server;
  };
  afterEach(async () => {
    await Promise.all(open.map((pair) => pair.close()));
    open = [];
  });

  it('derives a value once while its connection keeps sending it', async () => {
    const { memo, derived } = counted();
    const socket = await connect();
    // Equal values arrive as distinct strings, as each request's header does.
    for (let i = 0; i < 3; i++) expect(memo.of(socket, ['ok', 'alice'].join(' '))).toBe('found:ok alice');
    expect(derived).toEqual(['ok alice']);
  });

  it('derives any other value afresh, however alike, and remembers the newest', async () => {
    const { memo, derived } = counted();
    const socket = await connect();
    expect(memo.of(socket, 'ok alice')).toBe('found:ok alice');
    expect(memo.of(socket, 'ok alicf')).toBe('found:ok alicf');
    expect(memo.of(socket, 'ok alice!')).toBe('found:ok alice!');
    expect(memo.of(socket, 'ok alice')).toBe('found:ok alice');
    expect(memo.of(socket, 'ok alice')).toBe('found:ok alice');
    expect(derived).toEqual(['ok alice', 'ok alicf', 'ok alice!', 'ok alice']);
  });

  it('keeps each connection to itself', async () => {
    const { memo, derived } = counted();
    const [one, two] = [await connect(), await connect()];
    memo.of(one, 'ok alice');
    memo.of(two, 'ok bob');
    expect(memo.of(one, 'ok alice')).toBe('found:ok alice');
    expect(memo.of(two, 'ok bob')).toBe('found:ok bob');
    expect(memo.of(two, 'ok alice')).toBe('found:ok alice');
    expect(derived).toEqual(['ok alice', 'ok bob', 'ok alice']);
  });

  it('remembers no value that derives to null, and answers null for no value at all', async () => {
    const { memo, derived } = counted();
    const socket = await connect();
    expect(memo.of(socket, 'nope')).toBeNull();
    expect(memo.of(socket, 'nope')).toBeNull();
    expect(memo.of(socket, undefined)).toBeNull();
    expect(derived).toEqual(['nope', 'nope']);
  });

  it('forgets a connection once it closes, and remembers nothing for a closed one', async () => {
    const { memo, derived } = counted();
    const socket = await connect();
    memo.of(socket, 'ok alice');
    const closed = once(socket, 'close');
    socket.destroy();
    await closed;
    const entries = (memo as unknown as { last: WeakMap<net.Socket, unknown> }).last;
    expect(entries.has(socket)).toBe(false);
    expect(memo.of(socket, 'ok alice')).toBe('found:ok alice');
    expect(entries.has(socket)).toBe(false);
    expect(derived).toEqual(['ok alice', 'ok alice']);
  });

  it('adds one close listener per connection, not one per value', async () => {
    const { memo } = counted();
    const socket = await connect();
    const before = socket.listenerCount('close');
    for (const value of ['ok a', 'ok b', 'ok a', 'ok c']) memo.of(socket, value);
    expect(socket.listenerCount('close')).toBe(before + 1);
  });
});
