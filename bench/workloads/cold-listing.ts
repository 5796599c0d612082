/** 4. An uncached GET /messages of the large mailbox vs LIST+UIDL on a raw socket. */
import type { BenchEnvironment } from '../environment';
import { timedGet } from '../load';
import { RawPop3 } from '../raw-pop3';
import { alternate, fmt, median, type WorkloadResult } from '../result';

export async function coldListing(env: BenchEnvironment): Promise<WorkloadResult> {
  const { profile, popgate, users } = env;
  const user = users.large;
  const page = `${popgate.url}/messages?limit=${profile.pageLimit}`;
  const headers = { ...user.headers, 'cache-control': 'no-cache' };
  await timedGet(page, headers); // the first session of this credential: pool and TLS warm-up

  let failures = 0;
  const runs = await alternate(
    profile.repetitions,
    async () => {
      const t0 = process.hrtime.bigint();
      const session = await RawPop3.connect(env.pop3);
      await session.login(user.name, user.password);
      const t1 = process.hrtime.bigint();
      await session.multiline('LIST', 'UIDL');
      const t2 = process.hrtime.bigint();
      await session.quit();
      return { sessionMs: Number(t2 - t0) / 1e6, listMs: Number(t2 - t1) / 1e6 };
    },
    async () => {
      const res = await timedGet(page, headers);
      if (res.status !== 200) failures++;
      return res.ms;
    },
  );
  const p = median(runs.popgate);
  const listOnly = median(runs.baseline.map((r) => r.listMs));
  const withLogin = median(runs.baseline.map((r) => r.sessionMs));
  const ratio = p / withLogin;
  return {
    id: 4,
    title: `cold GET /messages of ${fmt.int(profile.largeCount)} (no-cache)`,
    popgate: `${fmt.ms(p)} median`,
    baseline: `raw connect+login+LIST+UIDL: ${fmt.ms(withLogin)} (LIST+UIDL alone ${fmt.ms(listOnly)})`,
    ratio,
    target: '≤ 2× time',
    met: ratio <= 2 && failures === 0,
    values: { popgateMs: p, baselineSessionMs: withLogin, baselineListMs: listOnly, ratioToListOnly: p / listOnly, failures },
    notes: [
      `median of ${profile.repetitions} alternating requests; popgate's no-cache request logs in a new session, as the baseline does; ratio to LIST+UIDL alone: ${fmt.ratio(p / listOnly)}`,
      ...(failures > 0 ? [`${failures} failed requests`] : []),
    ],
  };
}
