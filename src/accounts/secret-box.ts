import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Credentials at rest: AES-256-GCM under POPGATE_SECRET, a fresh 12-byte IV per value, and the
 * account id as additional authenticated data, so a sealed value copied into another account
 * does not open. Each sealed value names its key by a key id (a keyed hash of the key, never the
 * key), so after a rotation POPGATE_SECRET_PREVIOUS still opens old values while every new seal
 * uses the current key.
 *
 *   pgs1.<key id>.<iv>.<ciphertext>.<tag>      (base64url parts)
 */
const FORMAT = 'pgs1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A sealed value that cannot be opened: tampered, moved to another account, or sealed under an unknown key. */
export class SecretUnreadableError extends Error {
  override readonly name: string = 'SecretUnreadableError';
}

interface Key {
  id: string;
  bytes: Buffer;
}

export class SecretBox {
  private readonly current: Key;
  private readonly keys: Map<string, Key>;

  /** @throws Error unless each key is exactly 32 bytes */
  constructor(current: Buffer, previous?: Buffer) {
    this.current = keyOf(current);
    this.keys = new Map([[this.current.id, this.current]]);
    if (previous !== undefined) {
      const old = keyOf(previous);
      if (!this.keys.has(old.id)) this.keys.set(old.id, old);
    }
  }

  /** Seals `plaintext` for `accountId` under the current key. */
  seal(plaintext: string, accountId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current.bytes, iv);
    cipher.setAAD(Buffer.from(accountId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.current.id, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** @throws SecretUnreadableError (its message never holds the value) */
  open(sealed: string, accountId: string): string {
    const [format, keyId, iv, ciphertext, tag, ...rest] = sealed.split('.');
    if (format !== FORMAT || rest.length > 0 || iv === undefined || ciphertext === undefined || tag === undefined) {
      throw new SecretUnreadableError('not a sealed value');
    }
    const key = keyId === undefined ? undefined : this.keys.get(keyId);
    if (!key) throw new SecretUnreadableError(`sealed under key ${keyId ?? '?'}, which is neither POPGATE_SECRET nor POPGATE_SECRET_PREVIOUS`);
    const ivBytes = Buffer.from(iv, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new SecretUnreadableError('a sealed value with a malformed IV or tag');
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, ivBytes);
      decipher.setAAD(Buffer.from(accountId, 'utf8'));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError(`the sealed value does not open for account ${accountId} (tampered, or sealed for another account)`);
    }
  }

  /** Whether `sealed` is under the current key (else the next write re-seals it). */
  isCurrent(sealed: string): boolean {
    return sealed.split('.')[1] === this.current.id;
  }
}

/**
 * POPGATE_SECRET's value: 32 random bytes as base64 (44 characters, `openssl rand -base64 32`)
 * or hex (64 digits, `openssl rand -hex 32`).
 * @throws Error saying what is wrong, never echoing the value
 */
export function parseSecret(value: string): Buffer {
  const text = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(text)
      ? Buffer.from(text, 'base64')
      : null;
  if (bytes?.length !== KEY_BYTES) throw new Error('must be 32 random bytes as base64 (openssl rand -base64 32) or hex (openssl rand -hex 32)');
  return bytes;
}

function keyOf(bytes: Buffer): Key {
  if (bytes.length !== KEY_BYTES) throw new Error(`a secret key must be ${KEY_BYTES} bytes`);
  // A keyed hash names the key without revealing anything about it.
  const id = createHmac('sha256', bytes).update('popgate secret key id').digest('base64url').slice(0, 8);
  return { id, bytes: Buffer.from(bytes) };
}
