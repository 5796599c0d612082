/** The results as a console table and as the generated section of docs/benchmarks.md. */
import { readFile, writeFile } from 'node:fs/promises';
import type { MachineDescription } from './machine';
import type { BenchProfile } from './profile';
import { fmt, type WorkloadResult } from './result';

export const GENERATED_START = '<!-- bench:generated:start (npm run bench rewrites this section) -->';
export const GENERATED_END = '<!-- bench:generated:end -->';

const COLUMNS = ['#', 'workload', 'popgate', 'baseline', 'ratio', 'target', 'met'] as const;

function rows(results: WorkloadResult[]): string[][] {
  return results.map((r) => [
    String(r.id),
    r.title,
    r.popgate,
    r.baseline,
    r.ratio === null ? '—' : fmt.ratio(r.ratio),
    r.target,
    r.met ? 'yes' : 'NO',
  ]);
}

/** A plain-text table for the terminal. */
export function consoleTable(results: WorkloadResult[]): string {
  const all = [[...COLUMNS], ...rows(results)];
  const widths = COLUMNS.map((_, c) => Math.max(...all.map((row) => row[c]!.length)));
  const line = (row: string[]): string => row.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd();
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}

/** The generated markdown: machine, table, and each workload's method notes and raw numbers. */
export function markdownSection(results: WorkloadResult[], machine: MachineDescription, profile: BenchProfile, conditions: string): string {
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const table = [
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows(results).map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  const details = results.flatMap((r) => [
    `- **${r.id}. ${r.title}** — ${r.notes.join('; ')}.`,
    `  Raw: ${Object.entries(r.values).map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(2)}`).join(', ')}.`,
  ]);
  return [
    GENERATED_START,
    '',
    `## Latest run (${profile.name} profile)`,
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memory} RAM`,
    `- Software: Node ${machine.node}, Dovecot ${machine.dovecot}, ${machine.redis}`,
    `- Load: 1-minute load average ${machine.loadAverage.start.toFixed(2)} at the start, ${machine.loadAverage.end.toFixed(2)} at the end. ${conditions}`,
    '',
    ...table,
    '',
    '### Details',
    '',
    ...details,
    '',
    GENERATED_END,
  ].join('\n');
}

/** Replaces the generated section of `file` (appending one if it has none), keeping the hand-written rest. */
export async function writeGeneratedSection(file: string, section: string): Promise<void> {
  const current = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  const start = current.indexOf(GENERATED_START);
  const end = current.indexOf(GENERATED_END);
  const next =
    start !== -1 && end > start
      ? current.slice(0, start) + section + current.slice(end + GENERATED_END.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  await writeFile(file, next);
}
