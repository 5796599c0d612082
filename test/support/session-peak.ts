import type { DovecotServer } from './dovecot';

/**
 * Polls Dovecot's logged-in sessions of `user` (undefined: of every user) until stopped;
 * stop() gives the highest count seen. For asserting that a pool cap held at the server
 * during some load.
 */
export function watchSessionPeak(dovecot: DovecotServer, user: string | undefined, everyMs = 20): { stop(): Promise<number> } {
  let peak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await dovecot.sessionCount(user));
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
