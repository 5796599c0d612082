/**
 * The benchmark harness, run small: every workload starts, measures both sides and reports
 * numbers. Speed is not judged here (CI machines are shared and noisy); what must hold at
 * any speed is: no failed request, whole message bodies, and never more upstream sessions
 * than POOL_MAX_PER_MAILBOX.
 */
import { runBench, type BenchRun } from '../../bench/bench';
import { SMOKE } from '../../bench/profile';
import { consoleTable, GENERATED_END, GENERATED_START, markdownSection } from '../../bench/report';

jest.setTimeout(180_000);

describe('the benchmark harness (smoke profile)', () => {
  let run: BenchRun;

  beforeAll(async () => {
    run = await runBench(SMOKE);
  });

  const result = (id: number) => {
    const found = run.results.find((r) => r.id === id);
    if (!found) throw new Error(`workload ${id} produced no result`);
    return found;
  };

  it('runs every workload and reports a ratio for each ratio target', () => {
    expect(run.results.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const id of [1, 2, 3, 4, 6, 8]) {
      expect(result(id).ratio).toBeGreaterThan(0);
      expect(Number.isFinite(result(id).ratio)).toBe(true);
    }
  });

  it('measures popgate and its baseline on both sides of every ratio', () => {
    expect(result(1).values.popgateRps).toBeGreaterThan(0);
    expect(result(1).values.expressRps).toBeGreaterThan(0);
    expect(result(1).values.floorRps).toBeGreaterThan(0);
    expect(result(1).ratio).toBe(result(1).values.floorRatio);
    expect(result(1).values.compressedRps).toBeGreaterThan(0);
    expect(result(1).values.compressedPageBytes).toBeLessThan(result(1).values.pageBytes!);
    expect(result(6).values.accountRps).toBeGreaterThan(0);
    expect(result(6).values.floorRps).toBe(result(1).values.floorRps);
    expect(result(2).values.popgateRps).toBeGreaterThan(0);
    expect(result(2).values.baselineRps).toBeGreaterThan(0);
    expect(result(3).values.popgateMBps).toBeGreaterThan(0);
    expect(result(3).values.baselineMBps).toBeGreaterThan(0);
    expect(result(4).values.popgateMs).toBeGreaterThan(0);
    expect(result(4).values.baselineSessionMs).toBeGreaterThan(result(4).values.baselineListMs!);
    expect(result(8).values.rawS).toBeGreaterThan(0);
    expect(result(8).values.roundS).toBeGreaterThan(0);
    expect(result(8).values.meanPollMs).toBeGreaterThan(0);
  });

  it('serves every benchmark request successfully', () => {
    for (const id of [1, 2, 4, 6]) expect(result(id).values.failures).toBe(0);
    expect(result(3).values.wrongSizes).toBe(0);
    expect(result(5).values.errors).toBe(0);
  });

  it('polls every registered account without a failed poll, its second round read back', () => {
    expect(result(8).values).toMatchObject({ accounts: SMOKE.pollAccounts, intervalS: SMOKE.pollIntervalS, failedPolls: 0 });
    expect(result(8).values.polledAgain).toBeGreaterThanOrEqual(0);
    expect(result(8).values.missed).toBe(SMOKE.pollAccounts - result(8).values.polledAgain!);
  });

  it('delivers every new message to the webhook once, signed, with its latency measured', () => {
    expect(result(9).values).toMatchObject({ messages: SMOKE.hookMessages, received: SMOKE.hookMessages, lost: 0, duplicates: 0, badSignatures: 0, failedPolls: 0 });
    expect(result(9).values.p95S).toBeGreaterThan(0);
    expect(result(10).values.deliveries).toBe(SMOKE.deliveries);
    expect(result(10).values.perSecond).toBeGreaterThan(0);
  });

  it('streams the large message whole, with the gateway RSS sampled', () => {
    expect(result(3).values.messageBytes).toBeGreaterThan(SMOKE.bigBytes);
    expect(result(3).values.rssPeakBytes).toBeGreaterThanOrEqual(result(3).values.rssBeforeBytes!);
  });

  it('holds the concurrent clients to POOL_MAX_PER_MAILBOX upstream sessions, as Dovecot counts them', () => {
    expect(result(5).values.sessionSamples).toBeGreaterThan(0);
    expect(result(5).values.maxSessions).toBeGreaterThan(0);
    expect(result(5).values.maxSessions).toBeLessThanOrEqual(2);
  });

  it('delivers every event to every open stream, in order, with its latency measured', () => {
    expect(result(7).values).toMatchObject({ streams: SMOKE.sseStreams, events: SMOKE.sseEvents, delivered: SMOKE.sseStreams * SMOKE.sseEvents, missing: 0, outOfOrder: 0 });
    expect(result(7).values.p99Ms).toBeGreaterThan(0);
  });

  it('renders the table and the generated docs section with the machine description', () => {
    expect(consoleTable(run.results).split('\n')).toHaveLength(2 + 10);
    const section = markdownSection(run.results, run.machine, SMOKE, 'smoke test');
    expect(section.startsWith(GENERATED_START)).toBe(true);
    expect(section.endsWith(GENERATED_END)).toBe(true);
    expect(section).toContain(run.machine.cpuModel);
    expect(section).toContain(`Node ${process.version}`);
    expect(run.machine.dovecot).toMatch(/^2\.\d/);
  });
});
