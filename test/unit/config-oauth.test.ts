import { ConfigError, loadConfig } from '../../src/config';

function configErrorFor(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the environment');
}

const SECRET = 'client-secret-value-never-echoed';
const REFRESH = 'refresh-token-value-never-echoed';
const OUTLOOK = {
  POP3_OAUTH_PROVIDER: 'outlook',
  POP3_USER: 'support@contoso.com',
  POP3_OAUTH_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  POP3_OAUTH_CLIENT_SECRET: SECRET,
  POP3_OAUTH_REFRESH_TOKEN: REFRESH,
  API_TOKENS: 'tok-abc',
};

describe('loadConfig: POP3_OAUTH_* (single-mailbox OAuth2)', () => {
  it('POP3_OAUTH_PROVIDER means single-mailbox mode: the profile fills the server, POP3_AUTH defaults to xoauth2', () => {
    const config = loadConfig(OUTLOOK);
    expect(config.mode).toBe('single');
    expect(config.pop3).toMatchObject({ host: 'outlook.office365.com', port: 995, tls: 'implicit', servername: 'outlook.office365.com', auth: 'xoauth2' });
    expect(config.single).toMatchObject({ user: 'support@contoso.com', password: null, accessToken: null, apiTokens: ['tok-abc'] });
    expect(config.single?.oauth).toEqual({
      refreshToken: REFRESH,
      client: expect.objectContaining({
        provider: 'outlook',
        grant: 'refresh_token',
        tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
        scope: 'https://outlook.office.com/POP.AccessAsUser.All offline_access',
        clientSecret: SECRET,
        clientAuth: 'post',
      }),
    });
  });

  it('POP3_HOST, POP3_OAUTH_TENANT, _TOKEN_URL, _SCOPE and _CLIENT_AUTH override the profile', () => {
    const config = loadConfig({ ...OUTLOOK, POP3_HOST: 'pop.internal.example', POP3_OAUTH_TENANT: 'contoso.onmicrosoft.com', POP3_OAUTH_SCOPE: 'a b', POP3_OAUTH_CLIENT_AUTH: 'basic' });
    expect(config.pop3.host).toBe('pop.internal.example');
    expect(config.single?.oauth?.client).toMatchObject({ tokenUrl: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token', scope: 'a b', clientAuth: 'basic' });
    const generic = loadConfig({ ...OUTLOOK, POP3_OAUTH_PROVIDER: 'generic', POP3_HOST: 'pop.example.com', POP3_OAUTH_TOKEN_URL: 'https://idp.example.com/token' });
    expect(generic.single?.oauth?.client.tokenUrl).toBe('https://idp.example.com/token');
  });

  it('client_credentials: app-only access, no refresh token needed', () => {
    const config = loadConfig({ ...OUTLOOK, POP3_OAUTH_REFRESH_TOKEN: '', POP3_OAUTH_GRANT: 'client_credentials', POP3_OAUTH_TENANT: 'contoso.com' });
    expect(config.single?.oauth).toMatchObject({ refreshToken: null, client: { grant: 'client_credentials', scope: 'https://outlook.office365.com/.default' } });
  });

  it.each([
    [{ POP3_OAUTH_PROVIDER: 'yahoo' }, 'POP3_OAUTH_PROVIDER'],
    [{ POP3_USER: '' }, 'POP3_USER'],
    [{ POP3_OAUTH_CLIENT_ID: '' }, 'POP3_OAUTH_CLIENT_ID'],
    [{ POP3_OAUTH_REFRESH_TOKEN: '' }, 'POP3_OAUTH_REFRESH_TOKEN'],
    [{ POP3_PASS: 'pw' }, 'POP3_PASS'],
    [{ POP3_ACCESS_TOKEN: 'at' }, 'POP3_ACCESS_TOKEN'],
    [{ POP3_AUTH: 'plain' }, 'POP3_AUTH'],
    [{ POP3_OAUTH_GRANT: 'password' }, 'POP3_OAUTH_GRANT'],
    [{ POP3_OAUTH_GRANT: 'client_credentials' }, 'POP3_OAUTH_TENANT'],
    [{ POP3_OAUTH_TENANT: 'a/b' }, 'POP3_OAUTH_TENANT'],
    [{ POP3_OAUTH_CLIENT_AUTH: 'jwt' }, 'POP3_OAUTH_CLIENT_AUTH'],
    [{ POP3_OAUTH_PROVIDER: 'generic', POP3_HOST: 'pop.example.com' }, 'POP3_OAUTH_TOKEN_URL'],
    [{ POP3_OAUTH_PROVIDER: 'generic', POP3_HOST: 'pop.example.com', POP3_OAUTH_TOKEN_URL: 'http://idp.example.com/token' }, 'POP3_OAUTH_TOKEN_URL'],
    [{ POP3_OAUTH_PROVIDER: 'generic', POP3_OAUTH_TOKEN_URL: 'https://idp.example.com/token' }, 'POP3_HOST'],
    [{ API_TOKENS: '' }, 'API_TOKENS'],
  ])('refuses %j in one line naming %s, never a secret', (change, variable) => {
    const error = configErrorFor({ ...OUTLOOK, ...change });
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).not.toMatch(/\n/);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(REFRESH);
  });

  it('a stray POP3_OAUTH_* variable without POP3_OAUTH_PROVIDER is refused in single-mailbox mode and ignored with a warning elsewhere', () => {
    expect(configErrorFor({ POP3_HOST: 'pop.example.com', POP3_USER: 'u', POP3_PASS: 'p', API_TOKENS: 't', POP3_OAUTH_CLIENT_ID: 'x' }).variable).toBe('POP3_OAUTH_CLIENT_ID');
    expect(loadConfig({ POP3_HOST: 'pop.example.com', POP3_OAUTH_CLIENT_ID: 'x' }).warnings).toContain('POP3_OAUTH_CLIENT_ID is ignored: it only applies with POP3_OAUTH_PROVIDER');
  });

  it('warns when a rotated refresh token cannot be kept, and when Gmail is used without recent:', () => {
    const gmail = { ...OUTLOOK, POP3_OAUTH_PROVIDER: 'gmail', POP3_USER: 'me@gmail.com' };
    const warnings = loadConfig(gmail).warnings;
    expect(warnings.some((w) => w.includes('recent:'))).toBe(true);
    expect(warnings.some((w) => w.includes('will not survive a restart'))).toBe(true);
    const kept = loadConfig({ ...gmail, POP3_USER: 'recent:me@gmail.com', REDIS_URL: 'redis://127.0.0.1:6379', POPGATE_SECRET: 'a'.repeat(64) });
    expect(kept.pop3.host).toBe('pop.gmail.com');
    expect(kept.warnings).toEqual([]);
  });

  it('onboarding apps: OAUTH_GMAIL_* / OAUTH_OUTLOOK_* need their pair and OAUTH_REDIRECT_URL', () => {
    const apps = loadConfig({
      OAUTH_GMAIL_CLIENT_ID: 'g-id',
      OAUTH_GMAIL_CLIENT_SECRET: SECRET,
      OAUTH_OUTLOOK_CLIENT_ID: 'o-id',
      OAUTH_OUTLOOK_CLIENT_SECRET: SECRET,
      OAUTH_OUTLOOK_TENANT: 'contoso.com',
      OAUTH_REDIRECT_URL: 'https://popgate.example.com/oauth2/callback',
    }).oauthApps;
    expect(apps).toEqual({
      gmail: { clientId: 'g-id', clientSecret: SECRET, tenant: 'common' },
      outlook: { clientId: 'o-id', clientSecret: SECRET, tenant: 'contoso.com' },
      redirectUrl: 'https://popgate.example.com/oauth2/callback',
    });
    expect(loadConfig({}).oauthApps).toEqual({ gmail: null, outlook: null, redirectUrl: null });
    expect(configErrorFor({ OAUTH_GMAIL_CLIENT_ID: 'g-id', OAUTH_REDIRECT_URL: 'https://x.example/cb' }).variable).toBe('OAUTH_GMAIL_CLIENT_SECRET');
    expect(configErrorFor({ OAUTH_GMAIL_CLIENT_ID: 'g-id', OAUTH_GMAIL_CLIENT_SECRET: SECRET }).variable).toBe('OAUTH_REDIRECT_URL');
    const bad = configErrorFor({ OAUTH_OUTLOOK_CLIENT_SECRET: SECRET, OAUTH_REDIRECT_URL: 'ftp://x' });
    expect(bad.variable).toBe('OAUTH_REDIRECT_URL');
  });
});
