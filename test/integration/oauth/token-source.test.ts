import { OAuthClientRefusedError, OAuthReauthorizationRequiredError, TokenEndpointUnavailableError } from '../../../src/oauth/errors';
import { resolveOAuthClient, type OAuthSettings } from '../../../src/oauth/profiles';
import { TokenEndpoint } from '../../../src/oauth/token-endpoint';
import { memoryRefreshToken, TokenSource, type TokenSourceOptions } from '../../../src/oauth/token-source';
import { FakeOAuthServer } from '../../support/fake-oauth-server';
import { freePort } from '../../support/waiting';

/** A clock the test moves: token lifetimes pass in an instant. */
function manualClock(start = 1_700_000_000_000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

describe('TokenSource against an HTTPS token endpoint', () => {
  let oauth: FakeOAuthServer;

  beforeEach(async () => {
    oauth = await FakeOAuthServer.start({ lifetimeS: 3600 });
  });
  afterEach(async () => {
    await oauth.close();
  });

  function sourceFor(settings: Partial<OAuthSettings> = {}, options: Partial<TokenSourceOptions> = {}, timeoutMs = 5000): { source: TokenSource; refreshToken: string } {
    const refreshToken = options.refreshTokens ? '' : oauth.issueRefreshToken();
    const client = resolveOAuthClient({ provider: 'generic', tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken, ...settings });
    const endpoint = new TokenEndpoint(client, { timeoutMs, fetch: oauth.fetch });
    const source = new TokenSource('mailbox-1', client.grant, endpoint, { timeoutMs, refreshTokens: memoryRefreshToken(refreshToken), ...options });
    return { source, refreshToken };
  }

  it('reuses a token until min(60 s, a tenth of its lifetime) before it expires, then refreshes', async () => {
    const clock = manualClock();
    const { source } = sourceFor({}, { now: clock.now });
    const first = await source.accessToken();
    expect(oauth.isValidAccessToken(first)).toBe(true);
    clock.advance(3540_000 - 1); // an hour's token: 60 s of margin
    expect(await source.accessToken()).toBe(first);
    clock.advance(1);
    const second = await source.accessToken();
    expect(second).not.toBe(first);
    expect(oauth.grants('refresh_token')).toBe(2);

    oauth.lifetimeS = 300; // a 5-minute token: a tenth, 30 s
    clock.advance(3600_000);
    const short = await source.accessToken();
    clock.advance(270_000 - 1);
    expect(await source.accessToken()).toBe(short);
    clock.advance(1);
    expect(await source.accessToken()).not.toBe(short);
  });

  it('refreshes once for many concurrent callers, once per lifetime', async () => {
    const clock = manualClock();
    const { source } = sourceFor({}, { now: clock.now });
    for (let lifetime = 1; lifetime <= 3; lifetime += 1) {
      const tokens = await Promise.all(Array.from({ length: 25 }, () => source.accessToken()));
      expect(new Set(tokens).size).toBe(1);
      expect(oauth.grants('refresh_token')).toBe(lifetime);
      clock.advance(3600_000);
    }
  });

  it('keeps a rotated refresh token and refreshes with it next time', async () => {
    await oauth.close();
    oauth = await FakeOAuthServer.start({ lifetimeS: 3600, rotate: true });
    const clock = manualClock();
    const kept: string[] = [];
    const refreshToken = oauth.issueRefreshToken();
    const keeper = memoryRefreshToken(refreshToken);
    const refreshTokens = {
      load: () => keeper.load(),
      save: async (next: string) => {
        kept.push(next);
        await keeper.save(next);
      },
    };
    const { source: rotating } = sourceFor({ refreshToken }, { now: clock.now, refreshTokens });
    for (let lifetime = 0; lifetime < 3; lifetime += 1) {
      await rotating.accessToken();
      clock.advance(3600_000);
    }
    expect(kept).toHaveLength(3);
    expect(oauth.isValidRefreshToken(refreshToken)).toBe(false);
    expect(oauth.isValidRefreshToken(kept[2]!)).toBe(true);
    expect(oauth.requests.map((r) => r.form.refresh_token)).toEqual([refreshToken, kept[0], kept[1]]);
  });

  it('an id_token from another issuer (consent that included openid) does not fail the refresh', async () => {
    await oauth.close();
    oauth = await FakeOAuthServer.start({ idToken: true });
    const { source } = sourceFor();
    expect(oauth.isValidAccessToken(await source.accessToken())).toBe(true);
  });

  it('a refused token is replaced at the next call; a late refusal of an old one changes nothing', async () => {
    const { source } = sourceFor();
    const first = await source.accessToken();
    source.refused(first);
    const second = await source.accessToken();
    expect(second).not.toBe(first);
    source.refused(first);
    expect(await source.accessToken()).toBe(second);
    expect(oauth.grants('refresh_token')).toBe(2);
  });

  it('invalid_grant: OAuthReauthorizationRequiredError, reported once, and the endpoint left alone for the retry window', async () => {
    const clock = manualClock();
    const reported: unknown[] = [];
    const { source, refreshToken } = sourceFor({}, { now: clock.now, reauthorizationRetryMs: 60_000, onReauthorizationRequired: (e) => reported.push(e) });
    oauth.revokeRefreshTokens();
    const refusal = await source.accessToken().catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(OAuthReauthorizationRequiredError);
    expect(String((refusal as Error).message)).not.toContain(refreshToken);
    await expect(source.accessToken()).rejects.toBeInstanceOf(OAuthReauthorizationRequiredError);
    expect(oauth.grants('refresh_token')).toBe(1);
    expect(reported).toHaveLength(1);
    clock.advance(60_000);
    await expect(source.accessToken()).rejects.toBeInstanceOf(OAuthReauthorizationRequiredError);
    expect(oauth.grants('refresh_token')).toBe(2);
  });

  it('a 500, a refused connection and invalid_client are told apart', async () => {
    const { source } = sourceFor();
    oauth.failWith = 'status500';
    await expect(source.accessToken()).rejects.toThrow(new TokenEndpointUnavailableError('the token endpoint answered HTTP 500 without a token'));
    oauth.failWith = 'invalid_client';
    await expect(source.accessToken()).rejects.toEqual(new OAuthClientRefusedError('invalid_client'));

    const nobody = resolveOAuthClient({ provider: 'generic', tokenUrl: `https://127.0.0.1:${await freePort()}/token`, clientId: 'x', refreshToken: 'r' });
    const unreachable = new TokenSource('m', 'refresh_token', new TokenEndpoint(nobody, { timeoutMs: 5000, fetch: oauth.fetch }), { timeoutMs: 5000, refreshTokens: memoryRefreshToken('r') });
    await expect(unreachable.accessToken()).rejects.toThrow(/could not be reached \(ECONNREFUSED\)/);
  });

  it('a stalled endpoint fails within the timeout, and every waiting caller gets the failure', async () => {
    const { source } = sourceFor({}, {}, 1000);
    oauth.failWith = 'stall';
    const started = Date.now();
    const results = await Promise.allSettled([source.accessToken(), source.accessToken(), source.accessToken()]);
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof TokenEndpointUnavailableError)).toBe(true);
    expect(String((results[0] as PromiseRejectedResult).reason.message)).toMatch(/within the timeout/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(oauth.grants('refresh_token')).toBe(1);
    oauth.failWith = null;
    expect(oauth.isValidAccessToken(await source.accessToken())).toBe(true);
  });

  it('client_credentials: the profile\'s app scope, client authentication by HTTP Basic when asked', async () => {
    const client = resolveOAuthClient({ provider: 'generic', tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret: oauth.clientSecret, grant: 'client_credentials', scope: 'https://outlook.office365.com/.default', clientAuth: 'basic' });
    const source = new TokenSource('app', 'client_credentials', new TokenEndpoint(client, { timeoutMs: 5000, fetch: oauth.fetch }), { timeoutMs: 5000 });
    expect(oauth.isValidAccessToken(await source.accessToken())).toBe(true);
    expect(oauth.requests).toEqual([expect.objectContaining({ grantType: 'client_credentials', clientAuth: 'basic', form: expect.objectContaining({ scope: 'https://outlook.office365.com/.default' }) })]);
    expect(oauth.requests[0]!.form.client_secret).toBeUndefined();
  });

  it('by default the client secret travels as a form field (client_secret_post)', async () => {
    const { source } = sourceFor();
    await source.accessToken();
    expect(oauth.requests[0]).toMatchObject({ clientAuth: 'post', form: { client_id: oauth.clientId, client_secret: oauth.clientSecret } });
    expect(oauth.requests[0]!.form.scope).toBeUndefined(); // generic without a scope: none sent
  });

  it('a refresh asks for the profile\'s scope (Microsoft issues a token for another resource without it)', async () => {
    const { source } = sourceFor({ provider: 'outlook' as const, tokenUrl: oauth.tokenUrl });
    await source.accessToken();
    expect(oauth.requests[0]!.form).toMatchObject({ grant_type: 'refresh_token', scope: 'https://outlook.office.com/POP.AccessAsUser.All offline_access' });
  });
});
