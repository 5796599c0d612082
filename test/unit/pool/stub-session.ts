import type { Pop3Client } from '../../../src/pop3/client';
import { Pop3Session } from '../../../src/pool/session';
import type { SessionFactory } from '../../../src/pool/session-factory';

/** A session over a stub client: enough for pool logic, no socket. */
export type StubSession = Pop3Session & { quits: number };

export function stubSession(uids: string[] = ['a', 'b']): StubSession {
  const client = {
    usable: true,
    quit: jest.fn(async () => {
      client.usable = false;
    }),
    destroy: jest.fn(() => {
      client.usable = false;
    }),
  };
  const session = new Pop3Session(
    client as unknown as Pop3Client,
    uids.map((_, i) => ({ number: i + 1, size: 100 })),
    new Map(uids.map((uid, i) => [i + 1, uid])),
  );
  return Object.defineProperty(session, 'quits', { get: () => client.quit.mock.calls.length }) as StubSession;
}

/** A factory that records how many sessions it opened and can be told to fail. */
export function stubFactory(): SessionFactory & { opened: number; failWith: unknown[] } {
  const factory = Object.assign(
    async () => {
      await new Promise((r) => setTimeout(r, 5));
      const failure = factory.failWith.shift();
      if (failure) throw failure;
      factory.opened++;
      return stubSession();
    },
    { opened: 0, failWith: [] as unknown[] },
  );
  return factory;
}
