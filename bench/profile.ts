/** How big and how long: the full run the targets are judged on, and a seconds-long smoke run. */
export interface BenchProfile {
  name: 'full' | 'smoke';
  /** Where popgate and the express baseline run (see servers.ts). */
  placement: 'child' | 'inline';
  /** Messages in the small mailboxes (STAT, concurrency). */
  smallCount: number;
  /** Messages in the mailbox listed cached and cold. */
  largeCount: number;
  /** Octets of the one large message. */
  bigBytes: number;
  /** Page size of the listings. */
  pageLimit: number;
  /** autocannon run length and connections for the request-rate workloads. */
  loadDurationS: number;
  loadConnections: number;
  /** Baseline and popgate runs alternate this many times; each side keeps its best. */
  rounds: number;
  /** How long the connect-per-request STAT baseline runs. */
  connectPerRequestS: number;
  /** Repetitions of the timed single requests (cold listing, large message). */
  repetitions: number;
  /** The concurrency workload. */
  crowdConnections: number;
  crowdDurationS: number;
  /** The SSE fan-out: open streams, events appended, and the pause between appends. */
  sseStreams: number;
  sseEvents: number;
  sseIntervalMs: number;
  /** Polling (8): registered accounts (one Dovecot user each) and their `poll.intervalS` (10 at the least). */
  pollAccounts: number;
  pollIntervalS: number;
  /** Mail → webhook (9): accounts polled every 10 s, messages dropped evenly over `hookSpreadS`, and the wait for late duplicates. */
  hookAccounts: number;
  hookMessages: number;
  hookSpreadS: number;
  hookLateS: number;
  /** Webhook deliveries per second (10): events appended at once. */
  deliveries: number;
}

export const FULL: BenchProfile = {
  name: 'full',
  placement: 'child',
  smallCount: 10,
  largeCount: 10_000,
  bigBytes: 50 * 1024 * 1024,
  pageLimit: 100,
  loadDurationS: 10,
  loadConnections: 16,
  rounds: 2,
  connectPerRequestS: 5,
  repetitions: 9,
  crowdConnections: 500,
  crowdDurationS: 20,
  sseStreams: 1000,
  sseEvents: 200,
  sseIntervalMs: 50,
  pollAccounts: 1000,
  pollIntervalS: 60,
  hookAccounts: 20,
  hookMessages: 100,
  hookSpreadS: 60,
  hookLateS: 20,
  deliveries: 10_000,
};

export const SMOKE: BenchProfile = {
  name: 'smoke',
  placement: 'inline',
  smallCount: 10,
  largeCount: 300,
  bigBytes: 5 * 1024 * 1024,
  pageLimit: 100,
  loadDurationS: 1,
  loadConnections: 4,
  rounds: 1,
  connectPerRequestS: 0.5,
  repetitions: 2,
  crowdConnections: 50,
  crowdDurationS: 2,
  sseStreams: 20,
  sseEvents: 10,
  sseIntervalMs: 20,
  pollAccounts: 10,
  pollIntervalS: 10,
  hookAccounts: 3,
  hookMessages: 6,
  hookSpreadS: 2,
  hookLateS: 1,
  deliveries: 200,
};
