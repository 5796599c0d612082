import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository root (test/support → ../..). */
export const REPO_ROOT = join(__dirname, '..', '..');

/** A file of the repository, as text. */
export function readRepoFile(relativePath: string): string {
  return readFileSync(join(REPO_ROOT, relativePath), 'utf8');
}
