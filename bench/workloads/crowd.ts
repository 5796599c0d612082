/** 5. Hundreds of concurrent clients on one mailbox: no errors, and no more upstream sessions than the cap. */
import type { BenchEnvironment } from '../environment';
import { getJson, runLoad } from '../load';
import { fmt, type WorkloadResult } from '../result';

const SESSION_POLL_MS = 250;

export async function crowd(env: BenchEnvironment): Promise<WorkloadResult> {
  const { profile, popgate, users, dovecot, poolMaxPerMailbox } = env;
  const user = users.crowd;
  const listing = await getJson<{ items: { id: string }[] }>(`${popgate.url}/messages?limit=5`, user.headers);
  const id = encodeURIComponent(listing.items[0]!.id);
  const paths = ['/mailbox/stat', '/messages?limit=20', `/messages/${id}/headers`, '/mailbox/capabilities'];

  let maxSessions = 0;
  let samples = 0;
  let polling = true;
  const poller = (async () => {
    while (polling) {
      maxSessions = Math.max(maxSessions, await dovecot.sessionCount(user.name));
      samples++;
      await new Promise((r) => setTimeout(r, SESSION_POLL_MS));
    }
  })();
  let result;
  try {
    result = await runLoad({ url: popgate.url, paths, headers: user.headers, connections: profile.crowdConnections, durationS: profile.crowdDurationS });
  } finally {
    polling = false;
    await poller;
  }
  const errors = result.errors + result.non2xx;
  return {
    id: 5,
    title: `${profile.crowdConnections} concurrent clients, one mailbox, ${profile.crowdDurationS} s`,
    popgate: `${fmt.int(result.rps)} req/s, p99 ${fmt.ms(result.p99Ms)}, ${errors} errors, ≤ ${maxSessions} upstream sessions`,
    baseline: `POOL_MAX_PER_MAILBOX = ${poolMaxPerMailbox}`,
    ratio: null,
    target: `0 errors, sessions ≤ ${poolMaxPerMailbox}`,
    met: errors === 0 && maxSessions <= poolMaxPerMailbox && samples > 0,
    values: { rps: result.rps, p99Ms: result.p99Ms, requests: result.requests, errors, timeouts: result.timeouts, maxSessions, sessionSamples: samples },
    notes: [
      `each connection cycles through ${paths.map((p) => p.replace(id, '{id}')).join(', ')}; Dovecot's logged-in sessions (its pop3 processes, as test/support/dovecot.ts counts them) polled every ${SESSION_POLL_MS} ms, ${samples} samples`,
    ],
  };
}
