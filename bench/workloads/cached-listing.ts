/** 1. A cached page of the large mailbox vs a bare express route sending the same bytes. */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { BenchEnvironment } from '../environment';
import { runLoad, timedGet } from '../load';
import { alternate, best, fmt, type WorkloadResult } from '../result';
import { startBareExpress } from '../servers';

export async function cachedListing(env: BenchEnvironment): Promise<WorkloadResult> {
  const { profile, popgate, users } = env;
  const page = `/messages?limit=${profile.pageLimit}`;
  // The first request lists the mailbox upstream and caches it; the second is served cached.
  await timedGet(popgate.url + page, users.large.headers);
  const cached = await timedGet(popgate.url + page, users.large.headers, true);
  if (cached.status !== 200 || !cached.body) throw new Error(`GET ${page}: ${cached.status}`);
  const bodyFile = path.join(env.tmpDir, 'page.json');
  await fs.writeFile(bodyFile, cached.body);

  const bare = await startBareExpress(bodyFile, profile.placement);
  try {
    const load = { paths: [page], connections: profile.loadConnections, durationS: profile.loadDurationS };
    const runs = await alternate(
      profile.rounds,
      () => runLoad({ ...load, url: bare.url, cpuSeconds: bare.cpuSeconds }),
      () => runLoad({ ...load, url: popgate.url, headers: users.large.headers, cpuSeconds: popgate.cpuSeconds }),
    );
    const b = best(runs.baseline, (r) => r.rps);
    const p = best(runs.popgate, (r) => r.rps);
    const failures = p.errors + p.non2xx + b.errors + b.non2xx;
    const ratio = p.rps / b.rps;
    return {
      id: 1,
      title: `cached GET /messages (${profile.pageLimit} of ${fmt.int(profile.largeCount)})`,
      popgate: `${fmt.int(p.rps)} req/s, p99 ${fmt.ms(p.p99Ms)}, ${fmt.int(p.cpuUsPerRequest)} µs CPU/req`,
      baseline: `bare express: ${fmt.int(b.rps)} req/s, p99 ${fmt.ms(b.p99Ms)}, ${fmt.int(b.cpuUsPerRequest)} µs CPU/req`,
      ratio,
      target: '≥ 0.8× req/s',
      met: ratio >= 0.8 && failures === 0,
      values: {
        popgateRps: p.rps,
        popgateP99Ms: p.p99Ms,
        popgateCpuUsPerRequest: p.cpuUsPerRequest,
        baselineRps: b.rps,
        baselineP99Ms: b.p99Ms,
        baselineCpuUsPerRequest: b.cpuUsPerRequest,
        pageBytes: cached.body.length,
        failures,
      },
      notes: [
        `${profile.loadConnections} connections, ${profile.loadDurationS} s per run, best of ${profile.rounds} alternating runs per side; page ${fmt.int(cached.body.length)} octets`,
        ...(failures > 0 ? [`${failures} failed requests`] : []),
      ],
    };
  } finally {
    await bare.close();
  }
}
