import { randomBytes } from 'node:crypto';
import { parseSecret, SecretBox, SecretUnreadableError } from '../../../src/accounts/secret-box';

const KEY = randomBytes(32);
const OLD_KEY = randomBytes(32);
const PASSWORD = 'hunter2-pop3-password';

describe('SecretBox: AES-256-GCM, the account id as additional data, key ids for rotation', () => {
  test('opens what it sealed, for the same account', () => {
    const box = new SecretBox(KEY);
    expect(box.open(box.seal(PASSWORD, 'acme'), 'acme')).toBe(PASSWORD);
  });

  test('never holds the value in clear, and seals it anew each time (a fresh IV per value)', () => {
    const box = new SecretBox(KEY);
    const [first, second] = [box.seal(PASSWORD, 'acme'), box.seal(PASSWORD, 'acme')];
    expect(first).not.toBe(second);
    for (const sealed of [first, second]) {
      expect(sealed).not.toContain(PASSWORD);
      expect(sealed).not.toContain(Buffer.from(PASSWORD).toString('base64url'));
      expect(sealed).toMatch(/^pgs1\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    }
  });

  test('a value moved to another account does not open', () => {
    const box = new SecretBox(KEY);
    expect(() => box.open(box.seal(PASSWORD, 'acme'), 'globex')).toThrow(SecretUnreadableError);
  });

  test.each([
    ['a flipped ciphertext byte', (parts: string[]) => (parts[3] = flip(parts[3]!))],
    ['a flipped tag byte', (parts: string[]) => (parts[4] = flip(parts[4]!))],
    ['a truncated IV', (parts: string[]) => (parts[2] = parts[2]!.slice(2))],
    ['another format', (parts: string[]) => (parts[0] = 'pgs9')],
  ])('%s does not open', (_case, tamper) => {
    const box = new SecretBox(KEY);
    const parts = box.seal(PASSWORD, 'acme').split('.');
    tamper(parts);
    expect(() => box.open(parts.join('.'), 'acme')).toThrow(SecretUnreadableError);
  });

  test('after a rotation the previous key still opens old values, new seals use the current key', () => {
    const before = new SecretBox(OLD_KEY);
    const old = before.seal(PASSWORD, 'acme');
    const after = new SecretBox(KEY, OLD_KEY);
    expect(after.open(old, 'acme')).toBe(PASSWORD);
    expect(after.isCurrent(old)).toBe(false);
    const resealed = after.seal(after.open(old, 'acme'), 'acme');
    expect(after.isCurrent(resealed)).toBe(true);
    // Once the previous key is dropped, only current values open.
    expect(() => new SecretBox(KEY).open(old, 'acme')).toThrow(/neither POPGATE_SECRET nor POPGATE_SECRET_PREVIOUS/);
    expect(new SecretBox(KEY).open(resealed, 'acme')).toBe(PASSWORD);
  });

  test('errors never carry the value or the key', () => {
    const box = new SecretBox(KEY);
    const message = failureOf(() => box.open(box.seal(PASSWORD, 'acme'), 'globex'));
    expect(message).toMatch(/does not open for account globex/);
    expect(message).not.toContain(PASSWORD);
    expect(message).not.toContain(KEY.toString('base64'));
  });
});

describe('parseSecret: POPGATE_SECRET as base64 or hex', () => {
  test.each([
    ['base64', KEY.toString('base64')],
    ['base64url without padding', KEY.toString('base64url')],
    ['hex', KEY.toString('hex')],
    ['hex with surrounding spaces', ` ${KEY.toString('hex')}\n`],
  ])('accepts 32 bytes as %s', (_case, value) => {
    expect(parseSecret(value).equals(KEY)).toBe(true);
  });

  test.each([
    ['a passphrase', 'correct horse battery staple'],
    ['16 bytes', randomBytes(16).toString('base64')],
    ['33 bytes of hex', randomBytes(33).toString('hex')],
    ['empty', ''],
  ])('refuses %s, without echoing it', (_case, value) => {
    const message = failureOf(() => parseSecret(value));
    expect(message).toMatch(/32 random bytes/);
    expect(message).not.toContain(value.trim() || 'no value to echo');
  });
});

/** The message of what `run` throws; fails the test when it throws nothing. */
function failureOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

function flip(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] = bytes[0]! ^ 0xff;
  return bytes.toString('base64url');
}
