import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Jest globalSetup: src/generated/routes.ts is built, not committed. Generate it when it
 * is missing or older than what it is generated from, so `npx jest` works on a fresh
 * checkout and never runs stale routes.
 */
export default function generateRoutesWhenStale(): void {
  const root = path.resolve(__dirname, '..');
  const routes = path.join(root, 'src/generated/routes.ts');
  const sources = [path.join(root, 'tsoa.json'), ...filesUnder(path.join(root, 'src/controllers')), ...filesUnder(path.join(root, 'src/models'))];
  if (existsSync(routes)) {
    const builtAt = statSync(routes).mtimeMs;
    if (sources.every((file) => statSync(file).mtimeMs <= builtAt)) return;
  }
  execFileSync(process.execPath, [require.resolve('tsoa/dist/cli.js'), 'routes'], { cwd: root, stdio: 'inherit' });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}
