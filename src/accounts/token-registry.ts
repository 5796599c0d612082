import { createHash, randomBytes } from 'node:crypto';
import type { ApiToken, CreatedToken, NewToken, TokenList } from '../models/token';
import type { AccessChanges } from './access-changes';
import type { AccountStore } from './account-store';
import { AccountNotFoundError, InvalidAccountError, TokenNotFoundError } from './errors';
import type { StoredToken, TokenStore } from './token-store';

/** `pgt_` + 32 random bytes, base64url: recognisable in a leak scan, unguessable. */
const TOKEN_PREFIX = 'pgt_';

/**
 * popgate's own API tokens: created with scopes and, optionally, one account; shown once;
 * kept only as the SHA-256 of their value, which a request's token is looked up by (a digest
 * lookup compares no secret, so it leaks no timing about one). Expired tokens stop working at
 * their `expiresAt`; revoked ones at once, on every instance that shares the store.
 */
export class TokenRegistry {
  constructor(
    private readonly tokens: TokenStore,
    private readonly accounts: AccountStore,
    /** Told of every revocation, so copies of the token kept in memory go. */
    private readonly changes: AccessChanges,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** @throws AccountNotFoundError for an unknown account, InvalidAccountError for a past `expiresAt` */
  async create(input: NewToken): Promise<CreatedToken> {
    if (input.account !== undefined && !(await this.accounts.get(input.account))) throw new AccountNotFoundError(input.account);
    const expiresAt = input.expiresAt === undefined ? null : new Date(input.expiresAt);
    if (expiresAt !== null && (Number.isNaN(expiresAt.getTime()) || expiresAt <= this.now())) {
      throw new InvalidAccountError('expiresAt must be an ISO 8601 time in the future');
    }
    const value = TOKEN_PREFIX + randomBytes(32).toString('base64url');
    const stored: StoredToken = {
      id: `tok_${randomBytes(8).toString('hex')}`,
      account: input.account ?? null,
      scopes: [...new Set(input.scopes)],
      description: input.description ?? null,
      createdAt: this.now().toISOString(),
      expiresAt: expiresAt?.toISOString() ?? null,
      digest: digestOf(value),
    };
    await this.tokens.create(stored);
    return { ...listed(stored), token: value };
  }

  async list(offset: number, limit: number): Promise<TokenList> {
    const { total, items } = await this.tokens.list(offset, limit);
    return { total, items: items.map(listed) };
  }

  /** @throws TokenNotFoundError */
  async revoke(id: string): Promise<void> {
    if (!(await this.tokens.delete(id))) throw new TokenNotFoundError(id);
    await this.changes.announce();
  }

  /**
   * Revokes every token bound to `account` (it is being deleted): a token must never reach a
   * later account that happens to get the same id.
   */
  async revokeBoundTo(account: string): Promise<void> {
    const { items } = await this.tokens.list(0, Number.MAX_SAFE_INTEGER);
    await Promise.all(items.filter((token) => token.account === account).map((token) => this.tokens.delete(token.id)));
    await this.changes.announce();
  }

  /** The live token with this value, or null (unknown, revoked or expired). */
  async find(value: string): Promise<ApiToken | null> {
    if (!value.startsWith(TOKEN_PREFIX)) return null;
    const stored = await this.tokens.findByDigest(digestOf(value));
    if (!stored || (stored.expiresAt !== null && Date.parse(stored.expiresAt) <= this.now().getTime())) return null;
    return listed(stored);
  }
}

function digestOf(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function listed({ digest: _digest, ...token }: StoredToken): ApiToken {
  return token;
}
