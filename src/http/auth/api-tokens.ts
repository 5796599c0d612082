import { createHash, hash, timingSafeEqual } from 'node:crypto';

/**
 * API tokens as the gateway keeps and compares them: by SHA-256 digest only. An API_TOKENS
 * entry `sha256:<64 hex digits>` is a digest already (the token itself need not be stored in
 * the environment); anything else is a plain token. The one home of that syntax: config
 * validation and the bearer authenticator both read entries through `tokenDigest`.
 */
const HASHED_ENTRY = /^sha256:([0-9a-fA-F]{64})$/i;

/** @throws Error saying what is wrong with the entry (never echoing it) */
export function tokenDigest(entry: string): Buffer {
  const hashed = HASHED_ENTRY.exec(entry);
  if (hashed?.[1] !== undefined) return Buffer.from(hashed[1], 'hex');
  if (entry.toLowerCase().startsWith('sha256:')) throw new Error('must be sha256:<64 hex digits> or a plain token');
  if (entry === '') throw new Error('must not be empty');
  if (/[\s\0]/.test(entry)) throw new Error('must not contain whitespace');
  return tokenSha256(entry);
}

/** Constant time in the token: both sides are fixed-length digests, and every entry is compared. */
export function matchesAnyToken(token: string, accepted: readonly Buffer[]): boolean {
  return matchesAnyDigest(tokenSha256(token), accepted);
}

/** matchesAnyToken for a token whose digest was taken already. */
export function matchesAnyDigest(digest: Buffer, accepted: readonly Buffer[]): boolean {
  let matched = false;
  for (const candidate of accepted) matched = timingSafeEqual(digest, candidate) || matched;
  return matched;
}

/** The SHA-256 of a token's value: what tokens are compared and looked up by. */
export function tokenSha256(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/** tokenSha256 in hex, made in one call (a Buffer and its hex copy cost about five times more). */
export function tokenSha256Hex(token: string): string {
  return hash('sha256', token, 'hex');
}
