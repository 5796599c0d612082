import { OAuthSettingsError, pop3EndpointOf, resolveOAuthClient } from '../../../src/oauth/profiles';

describe('OAuth2 provider profiles', () => {
  it('gmail: Google token endpoint, the full-mail scope, offline consent, pop.gmail.com:995 over TLS', () => {
    const client = resolveOAuthClient({ provider: 'gmail', clientId: 'id', clientSecret: 's', refreshToken: 'r' });
    expect(client).toMatchObject({
      grant: 'refresh_token',
      tokenUrl: 'https://oauth2.googleapis.com/token',
      authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
      scope: 'https://mail.google.com/',
      clientAuth: 'post',
      authorizationParameters: { access_type: 'offline', prompt: 'consent' },
    });
    expect(pop3EndpointOf('gmail')).toEqual({ host: 'pop.gmail.com', port: 995, tls: 'implicit' });
  });

  it('outlook: the tenant goes into the endpoints (default common), delegated POP scope with offline_access', () => {
    const common = resolveOAuthClient({ provider: 'outlook', clientId: 'id', refreshToken: 'r' });
    expect(common.tokenUrl).toBe('https://login.microsoftonline.com/common/oauth2/v2.0/token');
    expect(common.scope).toBe('https://outlook.office.com/POP.AccessAsUser.All offline_access');
    expect(common.clientSecret).toBeNull(); // a public client
    const tenant = resolveOAuthClient({ provider: 'outlook', clientId: 'id', refreshToken: 'r', tenant: 'contoso.onmicrosoft.com' });
    expect(tenant.authorizationUrl).toBe('https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize');
    expect(pop3EndpointOf('outlook')).toEqual({ host: 'outlook.office365.com', port: 995, tls: 'implicit' });
  });

  it('outlook app-only access: client_credentials with the .default scope, a named tenant and a secret', () => {
    const app = resolveOAuthClient({ provider: 'outlook', clientId: 'id', clientSecret: 's', grant: 'client_credentials', tenant: '0b1c2d3e-aaaa-bbbb-cccc-123456789abc' });
    expect(app.scope).toBe('https://outlook.office365.com/.default');
    expect(() => resolveOAuthClient({ provider: 'outlook', clientId: 'id', clientSecret: 's', grant: 'client_credentials' })).toThrow(
      expect.objectContaining({ field: 'tenant' }),
    );
    expect(() => resolveOAuthClient({ provider: 'outlook', clientId: 'id', grant: 'client_credentials', tenant: 'contoso.com' })).toThrow(
      expect.objectContaining({ field: 'clientSecret' }),
    );
  });

  it('gmail has no app-only POP access', () => {
    expect(() => resolveOAuthClient({ provider: 'gmail', clientId: 'id', clientSecret: 's', grant: 'client_credentials' })).toThrow(expect.objectContaining({ field: 'grant' }));
  });

  it('generic needs a token URL, and every token URL must be https', () => {
    expect(() => resolveOAuthClient({ provider: 'generic', clientId: 'id', refreshToken: 'r' })).toThrow(expect.objectContaining({ field: 'tokenUrl' }));
    expect(() => resolveOAuthClient({ provider: 'generic', clientId: 'id', refreshToken: 'r', tokenUrl: 'http://idp.example/token' })).toThrow(OAuthSettingsError);
    const generic = resolveOAuthClient({ provider: 'generic', clientId: 'id', refreshToken: 'r', tokenUrl: 'https://idp.example/token', scope: ' pop ', clientAuth: 'basic' });
    expect(generic).toMatchObject({ tokenUrl: 'https://idp.example/token', scope: 'pop', clientAuth: 'basic', authorizationUrl: null });
    expect(pop3EndpointOf('generic')).toBeNull();
  });

  it('a refresh_token grant without a refresh token, or a tenant that is no name, is refused', () => {
    expect(() => resolveOAuthClient({ provider: 'gmail', clientId: 'id' })).toThrow(expect.objectContaining({ field: 'refreshToken' }));
    expect(() => resolveOAuthClient({ provider: 'outlook', clientId: 'id', refreshToken: 'r', tenant: '../evil' })).toThrow(expect.objectContaining({ field: 'tenant' }));
  });
});
