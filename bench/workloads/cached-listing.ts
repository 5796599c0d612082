/**
 * 1. A cached page of the large mailbox vs the floor the target is stated against: a bare
 * node:http handler sending the same bytes with the same headers (≥ 0.8×). A bare express
 * route sending the same bytes is measured too (the earlier baseline, already passed), and the
 * same page compressed (Accept-Encoding: br), served from the page's memoized compressed copy.
 * 6. The same page of the same mailbox as a registered account (`/accounts/{id}/messages`,
 * a `pgt_` token), in the same alternation, against the same floor: its ratio to the floor
 * must hold the top-level one's.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { BenchEnvironment } from '../environment';
import { type LoadResult, runLoad, timedGet } from '../load';
import { best, fmt, type WorkloadResult } from '../result';
import { type ServerUnderTest, startBareExpress, startBareNode } from '../servers';

/** Headers that belong to one connection or moment, not to the answer. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** Workload 6 holds workload 1's ratio to the floor when it reaches at least this share of it (run-to-run noise). */
const SAME_RATIO_SHARE = 0.9;

export async function cachedListing(env: BenchEnvironment): Promise<WorkloadResult[]> {
  const { profile, popgate, users, largeAccount } = env;
  const page = `/messages?limit=${profile.pageLimit}`;
  const accountPage = `/accounts/${largeAccount.id}${page}`;
  // The first request lists the mailbox upstream and caches it; the second is served cached.
  await timedGet(popgate.url + page, users.large.headers);
  const cached = await timedGet(popgate.url + page, users.large.headers, true);
  if (cached.status !== 200 || !cached.body) throw new Error(`GET ${page}: ${cached.status}`);
  const bodyFile = path.join(env.tmpDir, 'page.json');
  await fs.writeFile(bodyFile, cached.body);
  const headersFile = path.join(env.tmpDir, 'page-headers.json');
  const served = Object.fromEntries(Object.entries(cached.headers ?? {}).filter(([name]) => !PER_RESPONSE.has(name)));
  await fs.writeFile(headersFile, JSON.stringify(served));
  const compressed = await timedGet(popgate.url + page, { ...users.large.headers, 'accept-encoding': 'br' }, true);
  // The account's first request looks its token and credentials up (and its pool logs in); then it is served cached.
  await timedGet(popgate.url + accountPage, largeAccount.headers);
  const viaAccount = await timedGet(popgate.url + accountPage, largeAccount.headers, true);
  if (viaAccount.status !== 200 || !viaAccount.body?.equals(cached.body)) throw new Error(`GET ${accountPage}: ${viaAccount.status}, not the top-level page's bytes`);

  const bare = await startBareExpress(bodyFile, profile.placement);
  const floor = await startBareNode(bodyFile, headersFile, profile.placement);
  try {
    const load = { connections: profile.loadConnections, durationS: profile.loadDurationS };
    const against = (server: ServerUnderTest, headers?: Record<string, string>, path = page): (() => Promise<LoadResult>) =>
      () => runLoad({ ...load, paths: [path], url: server.url, headers, cpuSeconds: server.cpuSeconds });
    // Alternated, so drifting machine load hits every side alike; each keeps its best run.
    const sides = {
      // The baselines get popgate's very request, Authorization included (they ignore it, but
      // parse it): the same bytes in and out, so only the server differs.
      floor: against(floor, users.large.headers),
      express: against(bare, users.large.headers),
      popgate: against(popgate, users.large.headers),
      popgateBr: against(popgate, { ...users.large.headers, 'accept-encoding': 'br' }),
      account: against(popgate, largeAccount.headers, accountPage),
    };
    const runs: Record<keyof typeof sides, LoadResult[]> = { floor: [], express: [], popgate: [], popgateBr: [], account: [] };
    for (let round = 0; round < profile.rounds; round++) {
      for (const side of Object.keys(sides) as (keyof typeof sides)[]) runs[side].push(await sides[side]());
    }
    const [f, b, p, pb, a] = [runs.floor, runs.express, runs.popgate, runs.popgateBr, runs.account].map((r) => best(r, (x) => x.rps)) as [LoadResult, LoadResult, LoadResult, LoadResult, LoadResult];
    const failures = [f, b, p, pb].reduce((sum, r) => sum + r.errors + r.non2xx, 0);
    const accountFailures = a.errors + a.non2xx;
    const expressRatio = p.rps / b.rps;
    const floorRatio = p.rps / f.rps;
    const accountFloorRatio = a.rps / f.rps;
    const topLevel: WorkloadResult = {
      id: 1,
      title: `cached GET /messages (${profile.pageLimit} of ${fmt.int(profile.largeCount)})`,
      popgate: `${fmt.int(p.rps)} req/s, p99 ${fmt.ms(p.p99Ms)}, ${fmt.int(p.cpuUsPerRequest)} µs CPU/req`,
      baseline: `bare node:http (same bytes, same headers): ${fmt.int(f.rps)} req/s, p99 ${fmt.ms(f.p99Ms)}, ${fmt.int(f.cpuUsPerRequest)} µs CPU/req; bare express ${fmt.int(b.rps)} req/s`,
      ratio: floorRatio,
      target: '≥ 0.8× the node:http floor, req/s',
      met: floorRatio >= 0.8 && failures === 0,
      values: {
        popgateRps: p.rps,
        popgateP99Ms: p.p99Ms,
        popgateCpuUsPerRequest: p.cpuUsPerRequest,
        expressRps: b.rps,
        expressP99Ms: b.p99Ms,
        expressCpuUsPerRequest: b.cpuUsPerRequest,
        expressRatio,
        floorRps: f.rps,
        floorP99Ms: f.p99Ms,
        floorCpuUsPerRequest: f.cpuUsPerRequest,
        floorRatio,
        compressedRps: pb.rps,
        compressedCpuUsPerRequest: pb.cpuUsPerRequest,
        pageBytes: cached.body.length,
        compressedPageBytes: compressed.bytes,
        failures,
      },
      notes: [
        `${profile.loadConnections} connections, ${profile.loadDurationS} s per run, best of ${profile.rounds} alternating runs per side; page ${fmt.int(cached.body.length)} octets`,
        `bare express 5 route sending the same bytes: ${fmt.int(b.rps)} req/s, p99 ${fmt.ms(b.p99Ms)}, ${fmt.int(b.cpuUsPerRequest)} µs CPU/req; popgate ${fmt.ratio(expressRatio)} of it`,
        `compressed (br, ${fmt.int(compressed.bytes)} octets): ${fmt.int(pb.rps)} req/s, ${fmt.int(pb.cpuUsPerRequest)} µs CPU/req`,
        ...(failures > 0 ? [`${failures} failed requests`] : []),
      ],
    };
    const account: WorkloadResult = {
      id: 6,
      title: `cached GET /accounts/{id}/messages (${profile.pageLimit} of ${fmt.int(profile.largeCount)})`,
      popgate: `${fmt.int(a.rps)} req/s, p99 ${fmt.ms(a.p99Ms)}, ${fmt.int(a.cpuUsPerRequest)} µs CPU/req`,
      baseline: `bare node:http (as 1): ${fmt.int(f.rps)} req/s, ${fmt.int(f.cpuUsPerRequest)} µs CPU/req; top-level popgate ${fmt.ratio(floorRatio)} of it`,
      ratio: accountFloorRatio,
      target: `≥ ${SAME_RATIO_SHARE} × 1's ratio to the floor`,
      met: accountFloorRatio >= SAME_RATIO_SHARE * floorRatio && accountFailures === 0,
      values: {
        accountRps: a.rps,
        accountP99Ms: a.p99Ms,
        accountCpuUsPerRequest: a.cpuUsPerRequest,
        floorRps: f.rps,
        accountFloorRatio,
        topLevelFloorRatio: floorRatio,
        shareOfTopLevel: accountFloorRatio / floorRatio,
        failures: accountFailures,
      },
      notes: [
        `in workload 1's alternation (${profile.rounds} runs per side, best kept), the same ${fmt.int(cached.body.length)}-octet page with a pgt_ token bound to the account`,
        `${fmt.ratio(accountFloorRatio / floorRatio)} of the top-level page's rate (${fmt.int(a.rps)} against ${fmt.int(p.rps)} req/s)`,
        ...(accountFailures > 0 ? [`${accountFailures} failed requests`] : []),
      ],
    };
    return [topLevel, account];
  } finally {
    await Promise.all([bare.close(), floor.close()]);
  }
}
