/** What the numbers were measured on: they only mean something next to this. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import { promisify } from 'node:util';

export interface MachineDescription {
  date: string;
  cpus: number;
  cpuModel: string;
  memory: string;
  node: string;
  dovecot: string;
  redis: string;
  /** 1-minute load average when the run started and ended. */
  loadAverage: { start: number; end: number };
}

const run = promisify(execFile);

export async function describeMachine(loadAtStart: number): Promise<MachineDescription> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism(),
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown',
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    dovecot: await version('dovecot', ['--version']),
    redis: await version('redis-server', ['--version']),
    loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
  };
}

async function version(bin: string, args: string[]): Promise<string> {
  const dirs = ['', '/usr/sbin/', '/usr/bin/'];
  for (const dir of dirs) {
    try {
      return (await run(dir + bin, args)).stdout.trim();
    } catch {
      // try the next place
    }
  }
  return 'unknown';
}
