/**
 * The frame of a workload run on its own (`node dist/bench/<workload>.js`): `measure` writes its
 * lines through `say`; the 1-minute load average around it is reported last (the figures depend
 * on it), the load generator's connections are closed, and a failure exits 2 with its stack.
 */
import * as os from 'node:os';
import { closeConnections } from './load';

export function runStandalone(measure: (say: (line: string) => void) => Promise<void>): void {
  const say = (line: string): void => void process.stdout.write(`${line}\n`);
  const loadAtStart = os.loadavg()[0] ?? 0;
  measure(say)
    .then(() => say(`load average (1 min): ${loadAtStart.toFixed(2)} at start, ${(os.loadavg()[0] ?? 0).toFixed(2)} at end; ${os.availableParallelism()} CPUs`))
    .finally(closeConnections)
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(2);
    });
}
