/** 3. GET /messages/{id}/raw of the large message vs reading its RETR off a raw TLS socket. */
import type { BenchEnvironment } from '../environment';
import { getJson, timedGet } from '../load';
import { RawPop3 } from '../raw-pop3';
import { alternate, best, fmt, type WorkloadResult } from '../result';

const RSS_LIMIT_BYTES = 32 * 1024 * 1024;
const RSS_SAMPLE_MS = 10;

export async function largeMessage(env: BenchEnvironment): Promise<WorkloadResult> {
  const { profile, popgate, users } = env;
  const user = users.big;
  const listing = await getJson<{ items: { id: string; size: number }[] }>(`${popgate.url}/messages?limit=1`, user.headers);
  const message = listing.items[0];
  if (!message) throw new Error('the large mailbox is empty');
  const rawPath = `${popgate.url}/messages/${encodeURIComponent(message.id)}/raw`;

  // Let start-up garbage settle before taking the reference RSS.
  await new Promise((r) => setTimeout(r, 200));
  const rssBefore = await popgate.rssBytes();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    popgate.rssBytes().then((rss) => (rssPeak = Math.max(rssPeak, rss)), () => undefined);
  }, RSS_SAMPLE_MS);

  let wrongSizes = 0;
  let popgateCpuSeconds = 0;
  let runs;
  try {
    runs = await alternate(
      profile.repetitions,
      async () => {
        const session = await RawPop3.connect(env.pop3);
        await session.login(user.name, user.password);
        const t0 = process.hrtime.bigint();
        const [octets] = await session.multiline('RETR 1');
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        await session.quit();
        return { ms, bytes: octets! };
      },
      async () => {
        const cpuBefore = await popgate.cpuSeconds();
        const res = await timedGet(rawPath, user.headers);
        popgateCpuSeconds += (await popgate.cpuSeconds()) - cpuBefore;
        if (res.status !== 200 || res.bytes !== message.size) wrongSizes++;
        return { ms: res.ms, bytes: res.bytes };
      },
    );
  } finally {
    clearInterval(sampler);
  }
  rssPeak = Math.max(rssPeak, await popgate.rssBytes());

  // Both sides are credited with the message's size: the raw read also carries the stuffed dots.
  const rate = (r: { ms: number }): number => message.size / 1e6 / (r.ms / 1000);
  const b = best(runs.baseline, rate);
  const p = best(runs.popgate, rate);
  const ratio = rate(p) / rate(b);
  const growth = rssPeak - rssBefore;
  const cpuMsPerTransfer = (popgateCpuSeconds * 1000) / runs.popgate.length;
  return {
    id: 3,
    title: `GET /messages/{id}/raw, ${fmt.mb(message.size)}`,
    popgate: `${rate(p).toFixed(0)} MB/s (${fmt.ms(p.ms)}), RSS +${fmt.mib(growth)}, ${fmt.int(cpuMsPerTransfer)} ms CPU/transfer`,
    baseline: `raw TLS RETR: ${rate(b).toFixed(0)} MB/s (${fmt.ms(b.ms)})`,
    ratio,
    target: '≥ 0.8× MB/s, RSS growth < 32 MiB',
    met: ratio >= 0.8 && growth < RSS_LIMIT_BYTES && wrongSizes === 0,
    values: {
      popgateMBps: rate(p),
      baselineMBps: rate(b),
      popgateMs: p.ms,
      baselineMs: b.ms,
      messageBytes: message.size,
      rssBeforeBytes: rssBefore,
      rssPeakBytes: rssPeak,
      rssGrowthBytes: growth,
      popgateCpuMsPerTransfer: cpuMsPerTransfer,
      wrongSizes,
    },
    notes: [
      `best of ${profile.repetitions} alternating transfers per side; the raw read is timed from RETR to the terminator on a logged-in session, popgate from request to last byte on a warm pool`,
      `RSS sampled every ${RSS_SAMPLE_MS} ms from ${profile.placement === 'child' ? '/proc/<pid>/status' : 'the bench process itself (inline)'}: ${fmt.mib(rssBefore)} before, ${fmt.mib(rssPeak)} peak`,
      ...(wrongSizes > 0 ? [`${wrongSizes} transfers had the wrong status or size`] : []),
    ],
  };
}
