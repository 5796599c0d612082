import type { DovecotServer } from './dovecot';

/**
 * Polls Dovecot's logged-in sessions of each of `users` until stopped; stop() gives the highest
 * count seen per user. For asserting that a pool cap held at the server during some load.
 * Samples every `everyMs` rather than back to back: a sample reads /proc, and a sampler that
 * never pauses takes the event loop from the load it watches.
 */
export function watchSessionPeaks(dovecot: DovecotServer, users: string[], everyMs = 10): { stop(): Promise<Record<string, number>> } {
  const peaks = users.map((user) => watchPeak(() => dovecot.sessionCount(user), everyMs));
  return {
    async stop() {
      const values = await Promise.all(peaks.map((peak) => peak.stop()));
      return Object.fromEntries(users.map((user, i) => [user, values[i]!]));
    },
  };
}

/** The highest count of `user`'s sessions (undefined: every user's, together) until stopped. */
export function watchSessionPeak(dovecot: DovecotServer, user: string | undefined, everyMs = 10): { stop(): Promise<number> } {
  return watchPeak(() => dovecot.sessionCount(user), everyMs);
}

function watchPeak(sample: () => Promise<number>, everyMs: number): { stop(): Promise<number> } {
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await sample());
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      sampling = false;
      await sampler;
      return peak;
    },
  };
}
