/** 2. Warm GET /mailbox/stat vs connecting, logging in, STAT and QUIT for every request. */
import type { BenchEnvironment } from '../environment';
import { runLoad, timedGet } from '../load';
import { RawPop3 } from '../raw-pop3';
import { alternate, best, fmt, median, type WorkloadResult } from '../result';

export async function warmStat(env: BenchEnvironment): Promise<WorkloadResult> {
  const { profile, popgate, users } = env;
  const user = users.small;
  const warm = await timedGet(`${popgate.url}/mailbox/stat`, user.headers);
  if (warm.status !== 200) throw new Error(`GET /mailbox/stat: ${warm.status}`);

  const runs = await alternate(
    profile.rounds,
    () => connectPerRequest(env, profile.connectPerRequestS),
    () =>
      runLoad({
        url: popgate.url,
        paths: ['/mailbox/stat'],
        headers: user.headers,
        connections: profile.loadConnections,
        durationS: profile.loadDurationS,
        cpuSeconds: popgate.cpuSeconds,
      }),
  );
  const b = best(runs.baseline, (r) => r.rps);
  const p = best(runs.popgate, (r) => r.rps);
  const failures = p.errors + p.non2xx;
  const ratio = p.rps / b.rps;
  return {
    id: 2,
    title: 'warm GET /mailbox/stat',
    popgate: `${fmt.int(p.rps)} req/s, p99 ${fmt.ms(p.p99Ms)}, ${fmt.int(p.cpuUsPerRequest)} µs CPU/req`,
    baseline: `connect+TLS+login+STAT+QUIT: ${fmt.int(b.rps)}/s, median ${fmt.ms(b.medianMs)}`,
    ratio,
    target: '≥ 50× req/s',
    met: ratio >= 50 && failures === 0,
    values: { popgateRps: p.rps, popgateP99Ms: p.p99Ms, popgateCpuUsPerRequest: p.cpuUsPerRequest, baselineRps: b.rps, baselineMedianMs: b.medianMs, failures },
    notes: [
      `popgate: ${profile.loadConnections} connections for ${profile.loadDurationS} s; baseline: one request at a time for ${profile.connectPerRequestS} s (what a client without the gateway does); best of ${profile.rounds} alternating runs`,
      ...(failures > 0 ? [`${failures} failed requests`] : []),
    ],
  };
}

/** Sequential connect, TLS, USER/PASS, STAT, QUIT (waiting for its +OK), for `seconds`. */
async function connectPerRequest(env: BenchEnvironment, seconds: number): Promise<{ rps: number; medianMs: number }> {
  const user = env.users.small;
  const times: number[] = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline || times.length === 0) {
    const t0 = process.hrtime.bigint();
    const session = await RawPop3.connect(env.pop3);
    await session.login(user.name, user.password);
    await session.simple('STAT');
    await session.quit();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const elapsedS = Number(process.hrtime.bigint() - started) / 1e9;
  return { rps: times.length / elapsedS, medianMs: median(times) };
}
