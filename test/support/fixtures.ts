/**
 * Read the real-world message fixtures in test/fixtures/mail-gem (MIT, see its README).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const MAIL_GEM_DIR = path.join(__dirname, '..', 'fixtures', 'mail-gem');

export interface Fixture {
  /** File name, e.g. `plain_emails_basic_email.eml`. */
  name: string;
  /** The file's bytes, unchanged. */
  bytes: Buffer;
}

/** Names of every `.eml` fixture, sorted. */
export function mailGemNames(): string[] {
  return readdirSync(MAIL_GEM_DIR)
    .filter((f) => f.endsWith('.eml'))
    .sort();
}

/** One fixture's bytes. */
export function readMailGem(name: string): Buffer {
  return readFileSync(path.join(MAIL_GEM_DIR, name));
}

/** Every `.eml` fixture with its bytes, sorted by name. */
export function mailGemFixtures(): Fixture[] {
  return mailGemNames().map((name) => ({ name, bytes: readMailGem(name) }));
}
