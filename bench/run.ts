/**
 * `npm run bench` — the full benchmark; prints a table and rewrites the generated section of
 * docs/benchmarks.md. Options:
 *   --smoke          tiny mailboxes, second-long runs, nothing written (checks the harness)
 *   --only=1,3       run only these workloads
 *   --no-write       leave docs/benchmarks.md alone
 *   --conditions=…   a sentence on the machine's load during the run, for the docs
 * Exit code 1 when a target is missed (full profile only).
 */
import * as path from 'node:path';
import { runBench } from './bench';
import { FULL, SMOKE } from './profile';
import { consoleTable, markdownSection, writeGeneratedSection } from './report';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');
  const has = (name: string): boolean => args.some((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  const profile = has('smoke') ? SMOKE : FULL;
  // In the smoke profile, the servers run in-process only when loaded from TypeScript (jest).
  const placed = { ...profile, placement: 'child' as const };
  const only = flag('only')?.split(',').map(Number);
  const log = (line: string): void => {
    process.stderr.write(`[bench] ${line}\n`);
  };

  const { results, machine } = await runBench(placed, { only, log });
  process.stdout.write(`\n${consoleTable(results)}\n\n`);
  for (const result of results) for (const note of result.notes) process.stdout.write(`${result.id}: ${note}\n`);
  const conditions = flag('conditions') ?? '';
  if (profile.name === 'full' && !has('no-write') && !only) {
    const file = path.join(__dirname, '../../docs/benchmarks.md');
    await writeGeneratedSection(file, markdownSection(results, machine, placed, conditions));
    process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
  if (profile.name === 'full' && results.some((r) => !r.met)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
