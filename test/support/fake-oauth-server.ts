/**
 * An OAuth2 authorization server over HTTPS (a self-signed certificate the client trusts
 * through `fetch` below), for offline tests of the token source and the onboarding flow:
 * token endpoint (refresh_token, client_credentials, authorization_code with PKCE S256),
 * short-lived access tokens, rotating refresh tokens, invalid_grant, 500s and stalls, and a
 * consent page that consents at once.
 *
 * ```ts
 * const oauth = await FakeOAuthServer.start({ lifetimeS: 3600, rotate: true });
 * const endpoint = new TokenEndpoint(client(oauth), { timeoutMs: 2000, fetch: oauth.fetch });
 * oauth.failWith = 'stall';
 * expect(oauth.grants('refresh_token')).toBe(1);
 * expect(oauth.isValidAccessToken(token)).toBe(true);
 * ```
 */
import { createHash, randomBytes } from 'node:crypto';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { CustomFetch } from 'openid-client';
import { generateDemoCertificate } from '../../src/demo/certificate';

export interface FakeOAuthOptions {
  clientId?: string;
  clientSecret?: string;
  /** expires_in of every access token. */
  lifetimeS?: number;
  /** A refresh grant returns a new refresh token, and the old one stops working. */
  rotate?: boolean;
  /** Token responses carry an id_token from another issuer (Microsoft's tenant-specific one), as when the consent included openid. */
  idToken?: boolean;
}

/** One token request as it arrived (form fields; the secret fields are kept for assertions). */
export interface TokenRequest {
  grantType: string;
  form: Record<string, string>;
  /** `basic` when the client authenticated with HTTP Basic, `post` with form fields, `none` without. */
  clientAuth: 'basic' | 'post' | 'none';
}

export type FakeFailure = 'status500' | 'stall' | 'invalid_client' | null;

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  refreshToken: string;
}

export class FakeOAuthServer {
  readonly requests: TokenRequest[] = [];
  /** Query parameters of every consent page request. */
  readonly authorizeRequests: Record<string, string>[] = [];
  /** Makes the token endpoint fail this way until set back to null. */
  failWith: FakeFailure = null;
  /** While true, token requests wait for release() before they are answered (a slow endpoint the test paces). */
  holding = false;
  private readonly held: Array<() => void> = [];
  readonly clientId: string;
  readonly clientSecret: string;
  lifetimeS: number;
  private readonly refreshTokens = new Set<string>();
  private readonly accessTokens = new Set<string>();
  private readonly codes = new Map<string, PendingCode>();
  private issued = 0;
  private readonly stalled = new Set<import('node:http').ServerResponse>();

  private constructor(
    private readonly server: https.Server,
    /** The certificate to trust (it is its own CA). */
    readonly caPem: string,
    private readonly options: FakeOAuthOptions,
  ) {
    this.clientId = options.clientId ?? 'popgate-test-client';
    this.clientSecret = options.clientSecret ?? `cs-${randomBytes(8).toString('hex')}`;
    this.lifetimeS = options.lifetimeS ?? 3600;
    server.on('request', (req, res) => void this.answer(req, res));
  }

  static async start(options: FakeOAuthOptions = {}): Promise<FakeOAuthServer> {
    const certificate = await generateDemoCertificate();
    const server = https.createServer({ cert: certificate.certPem, key: certificate.keyPem });
    const fake = new FakeOAuthServer(server, certificate.certPem, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get tokenUrl(): string {
    return `https://127.0.0.1:${this.port}/token`;
  }

  get authorizationUrl(): string {
    return `https://127.0.0.1:${this.port}/authorize`;
  }

  /** A fetch that trusts this server's certificate (and nothing else): what tests inject as openid-client's customFetch. */
  get fetch(): CustomFetch {
    return httpsFetch(this.caPem);
  }

  /** A refresh token the endpoint honours, as a user's consent would leave. */
  issueRefreshToken(): string {
    const token = `rt-${randomBytes(12).toString('hex')}`;
    this.refreshTokens.add(token);
    return token;
  }

  /** Revokes every refresh token (the user withdrew consent): the next refresh is invalid_grant. */
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  /** Answers the held token requests, and stops holding. */
  release(): void {
    this.holding = false;
    for (const answer of this.held.splice(0)) answer();
  }

  isValidRefreshToken(token: string): boolean {
    return this.refreshTokens.has(token);
  }

  /** Whether this server issued `token` (what the fake POP3 server accepts). */
  isValidAccessToken(token: string): boolean {
    return this.accessTokens.has(token);
  }

  /** Token requests of one grant type that reached the endpoint. */
  grants(grantType: string): number {
    return this.requests.filter((r) => r.grantType === grantType).length;
  }

  async close(): Promise<void> {
    for (const res of this.stalled) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/authorize') return this.consent(url, res);
    if (req.method !== 'POST' || url.pathname !== '/token') return json(res, 404, { error: 'not_found' });
    const body = await readBody(req);
    const form = Object.fromEntries(new URLSearchParams(body));
    const grantType = form.grant_type ?? '';
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const clientAuth: TokenRequest['clientAuth'] = basic ? 'basic' : form.client_secret !== undefined ? 'post' : 'none';
    this.requests.push({ grantType, form, clientAuth });
    if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));

    if (this.failWith === 'stall') {
      this.stalled.add(res);
      return;
    }
    if (this.failWith === 'status500') return json(res, 500, { error: 'server_error' });
    if (this.failWith === 'invalid_client' || !this.clientAuthenticated(form, basic?.[1])) return json(res, 401, { error: 'invalid_client' });

    switch (grantType) {
      case 'refresh_token': {
        const presented = form.refresh_token ?? '';
        if (!this.refreshTokens.has(presented)) return json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
        const rotated = this.options.rotate ? this.rotate(presented) : undefined;
        return json(res, 200, this.tokenResponse(rotated));
      }
      case 'client_credentials':
        return json(res, 200, this.tokenResponse());
      case 'authorization_code':
        return this.exchangeCode(form, res);
      default:
        return json(res, 400, { error: 'unsupported_grant_type' });
    }
  }

  /** Consents at once: a 302 back to the client with a code, as the provider does after the user clicks Allow. */
  private consent(url: URL, res: import('node:http').ServerResponse): void {
    const query = Object.fromEntries(url.searchParams);
    this.authorizeRequests.push(query);
    const redirectUri = query.redirect_uri ?? '';
    if (query.client_id !== this.clientId || redirectUri === '' || query.response_type !== 'code' || query.code_challenge_method !== 'S256' || !query.code_challenge) {
      return json(res, 400, { error: 'invalid_request' });
    }
    const code = `code-${randomBytes(8).toString('hex')}`;
    this.codes.set(code, { clientId: query.client_id, redirectUri, codeChallenge: query.code_challenge, scope: query.scope ?? '', refreshToken: this.issueRefreshToken() });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (query.state !== undefined) back.searchParams.set('state', query.state);
    res.writeHead(302, { location: back.toString() }).end();
  }

  /** RFC 7636 §4.6: the verifier's S256 must be the challenge the consent page saw. */
  private exchangeCode(form: Record<string, string>, res: import('node:http').ServerResponse): void {
    const pending = this.codes.get(form.code ?? '');
    this.codes.delete(form.code ?? '');
    if (!pending || pending.redirectUri !== form.redirect_uri) return json(res, 400, { error: 'invalid_grant', error_description: 'unknown code or redirect_uri' });
    const challenge = createHash('sha256').update(form.code_verifier ?? '').digest('base64url');
    if (challenge !== pending.codeChallenge) return json(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    return json(res, 200, { ...this.tokenResponse(), refresh_token: pending.refreshToken, scope: pending.scope });
  }

  private clientAuthenticated(form: Record<string, string>, basic: string | undefined): boolean {
    if (basic !== undefined) {
      const [id, secret] = Buffer.from(basic, 'base64').toString('utf8').split(':').map(decodeURIComponent);
      return id === this.clientId && secret === this.clientSecret;
    }
    return form.client_id === this.clientId && form.client_secret === this.clientSecret;
  }

  private rotate(old: string): string {
    this.refreshTokens.delete(old);
    return this.issueRefreshToken();
  }

  private tokenResponse(refreshToken?: string): Record<string, unknown> {
    this.issued += 1;
    const accessToken = `at-${this.issued}-${randomBytes(8).toString('hex')}`;
    this.accessTokens.add(accessToken);
    const idToken = this.options.idToken ? { id_token: unsignedJwt({ iss: 'https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0', aud: this.clientId, sub: 'x', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600 }) } : {};
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.lifetimeS, ...(refreshToken ? { refresh_token: refreshToken } : {}), ...idToken };
  }
}

/**
 * A Fetch API function over node:https trusting `caPem` only: how in-process tests give
 * openid-client a CA (NODE_EXTRA_CA_CERTS is read once, when a process starts).
 */
export function httpsFetch(caPem: string): CustomFetch {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const headers = Object.fromEntries(new Headers(init.headers).entries());
      // openid-client sends token requests as URLSearchParams.
      const body = init.body instanceof URLSearchParams ? init.body.toString() : undefined;
      const req = https.request(url, { method: init.method, headers, ca: caPem, signal: init.signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (typeof value === 'string') responseHeaders.set(name, value);
          }
          resolve(new Response(res.statusCode === 204 ? null : Buffer.concat(chunks), { status: res.statusCode ?? 500, headers: responseHeaders }));
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
}

function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.${Buffer.from('not-a-signature').toString('base64url')}`;
}

function readBody(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
