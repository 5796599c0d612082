import { createHash } from 'node:crypto';
import request from 'supertest';
import { Pop3AuthError, Pop3ServerError } from '../../../src/pop3/errors';
import { basic } from '../../support/basic-auth';
import { appWithFake, DEMO_AUTH } from './app-harness';

describe('multi-mailbox mode: HTTP Basic passed through to the POP3 server', () => {
  test.each([
    ['no Authorization header', undefined],
    ['an empty header', ''],
    ['another scheme', 'Bearer abc'],
    ['base64 that is not base64', 'Basic !!!not-base64!!!'],
    ['credentials without a colon', `Basic ${Buffer.from('demo').toString('base64')}`],
    ['bytes that are not UTF-8', `Basic ${Buffer.from([0x64, 0xff, 0x3a, 0x64]).toString('base64')}`],
    ['a header longer than 4 KiB', `Basic ${Buffer.from(`demo:${'x'.repeat(5000)}`).toString('base64')}`],
  ])('%s → 401 with a Basic challenge, and the service is never asked', async (_case, header) => {
    const { app, service } = appWithFake();
    const req = request(app).get('/mailbox/stat');
    if (header !== undefined) req.set('Authorization', header);
    const res = await req.expect(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="popgate"');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(service.calls).toEqual([]);
  });

  test.each([
    ['an empty password', 'demo', '', /empty password;/],
    ['an empty user name', '', 'demo', /empty user name;/],
    ['an empty user name and password', '', '', /empty user name and an empty password;/],
  ])('%s → 401 with a Basic challenge whose detail names the empty part, without contacting the server', async (_case, user, password, detail) => {
    const { app, service } = appWithFake();
    const res = await request(app).get('/mailbox/stat').set('Authorization', basic(user, password)).expect(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="popgate"');
    expect(res.body).toMatchObject({ status: 401, code: 'unauthorized', detail: expect.stringMatching(detail) });
    expect(service.calls).toEqual([]);
  });

  test.each([
    ['CR in the password', 'demo', 'de\rmo'],
    ['LF in the password', 'demo', 'de\nmo'],
    ['NUL in the user name', 'de\u0000mo', 'demo'],
  ])('%s → 401 without contacting the server', async (_case, user, password) => {
    const { app, service } = appWithFake();
    const res = await request(app).get('/mailbox/stat').set('Authorization', basic(user, password)).expect(401);
    expect(res.body.detail).toMatch(/CR, LF or NUL/);
    expect(service.calls).toEqual([]);
  });

  test('the user name and password are handed to the service as they were sent, colons and UTF-8 included', async () => {
    const { app, service } = appWithFake();
    await request(app).get('/mailbox/stat').set('Authorization', basic('jürgen@example.org', 'pa:ss wörd')).expect(200);
    expect(service.callsOf('stat')[0]!.access.credentials).toEqual({ user: 'jürgen@example.org', password: 'pa:ss wörd' });
  });

  test("a login the server refuses is 401 carrying the server's own words, a Basic challenge, and never the password", async () => {
    const { app, service } = appWithFake();
    service.failures.set('stat', new Pop3AuthError('PASS', 'AUTH', 'Application-specific password required: https://support.google.com/mail/?p=InvalidSecondFactor'));
    const res = await request(app).get('/mailbox/stat').set('Authorization', basic('alice', 'hunter2-secret')).expect(401);
    expect(res.headers['www-authenticate']).toBe('Basic realm="popgate"');
    expect(res.body.pop3).toEqual({ respCode: 'AUTH', text: 'Application-specific password required: https://support.google.com/mail/?p=InvalidSecondFactor' });
    expect(res.text).not.toContain('hunter2-secret');
    expect(res.text).not.toContain('PASS ');
  });
});

describe('the failed-login limiter', () => {
  const refuse = new Pop3AuthError('PASS', undefined, 'invalid credentials');

  test('after AUTH_FAILURE_LIMIT refused logins, the next attempt is 429 with Retry-After and never reaches the server', async () => {
    const { app, service } = appWithFake({ authFailureLimit: 3 });
    service.failures.set('stat', refuse);
    for (let i = 0; i < 3; i++) await request(app).get('/mailbox/stat').set('Authorization', basic('alice', `guess${i}`)).expect(401);
    service.failures.delete('stat');

    const res = await request(app).get('/mailbox/stat').set('Authorization', basic('alice', 'right')).expect(429);
    expect(res.body).toMatchObject({ status: 429, code: 'rate_limited' });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(service.callsOf('stat')).toHaveLength(3);
  });

  test('the count is per user: another user from the same address is still let through', async () => {
    const { app, service } = appWithFake({ authFailureLimit: 1 });
    service.failures.set('stat', refuse);
    await request(app).get('/mailbox/stat').set('Authorization', basic('alice', 'wrong')).expect(401);
    await request(app).get('/mailbox/stat').set('Authorization', basic('ALICE', 'wrong')).expect(429);
    service.failures.delete('stat');
    await request(app).get('/mailbox/stat').set('Authorization', basic('bob', 'right')).expect(200);
  });

  test('busy answers at login ([IN-USE], [SYS/TEMP]) and other errors do not count as failed logins', async () => {
    const { app, service } = appWithFake({ authFailureLimit: 1 });
    service.failures.set('stat', new Pop3AuthError('PASS', 'IN-USE', 'mailbox locked'));
    await request(app).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(503);
    service.failures.set('stat', new Pop3ServerError('STAT', 'SYS/TEMP', 'try later'));
    await request(app).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(503);
    service.failures.delete('stat');
    await request(app).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(200);
  });

  test('a successful login forgets earlier failures', async () => {
    const { app, service } = appWithFake({ authFailureLimit: 2 });
    service.failures.set('stat', refuse);
    await request(app).get('/mailbox/stat').set('Authorization', basic('alice', 'typo')).expect(401);
    service.failures.delete('stat');
    await request(app).get('/mailbox/stat').set('Authorization', basic('alice', 'right')).expect(200);
    service.failures.set('stat', refuse);
    await request(app).get('/mailbox/stat').set('Authorization', basic('alice', 'typo')).expect(401);
    await request(app).get('/mailbox/stat').set('Authorization', basic('alice', 'typo')).expect(401);
    await request(app).get('/mailbox/stat').set('Authorization', basic('alice', 'typo')).expect(429);
  });
});

describe('single-mailbox mode: bearer API tokens', () => {
  const credentials = { user: 'mailbox', password: 'from-env' };
  const hashed = createHash('sha256').update('hashed-token').digest('hex');
  const single = (authFailureLimit = 10) =>
    appWithFake({ auth: { mode: 'single', credentials, apiTokens: ['plain-token', `sha256:${hashed}`] }, authFailureLimit });

  test.each([['a plain token', 'plain-token'], ['a token configured as sha256:<hex>', 'hashed-token']])(
    '%s is accepted, and the configured mailbox credentials are used',
    async (_case, token) => {
      const { app, service } = single();
      await request(app).get('/mailbox/stat').set('Authorization', `Bearer ${token}`).expect(200);
      expect(service.callsOf('stat')[0]!.access.credentials).toEqual(credentials);
    },
  );

  test.each([
    ['no header', undefined],
    ['a wrong token', 'Bearer plain-token2'],
    ['a prefix of a good token', 'Bearer plain'],
    ['the hash itself instead of the token', `Bearer sha256:${hashed}`],
    ['Basic credentials', DEMO_AUTH],
  ])('%s → 401 with a Bearer challenge', async (_case, header) => {
    const { app, service } = single();
    const req = request(app).get('/messages');
    if (header !== undefined) req.set('Authorization', header);
    const res = await req.expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="popgate"');
    expect(res.body.code).toBe('unauthorized');
    expect(service.calls).toEqual([]);
  });

  test('wrong tokens from one address are rate limited too', async () => {
    const { app } = single(2);
    await request(app).get('/messages').set('Authorization', 'Bearer nope1').expect(401);
    await request(app).get('/messages').set('Authorization', 'Bearer nope2').expect(401);
    const res = await request(app).get('/messages').set('Authorization', 'Bearer plain-token').expect(429);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
  });

  test('a refused configured login does not count against the caller, whose token was good', async () => {
    const { app, service } = single(1);
    service.failures.set('stat', new Pop3AuthError('PASS', undefined, 'invalid credentials'));
    await request(app).get('/mailbox/stat').set('Authorization', 'Bearer plain-token').expect(401);
    await request(app).get('/mailbox/stat').set('Authorization', 'Bearer plain-token').expect(401);
  });

  test('an app in single mode refuses to start without tokens, or with a malformed sha256 entry', () => {
    expect(() => appWithFake({ auth: { mode: 'single', credentials, apiTokens: [] } })).toThrow(/API token/);
    expect(() => appWithFake({ auth: { mode: 'single', credentials, apiTokens: ['sha256:abc'] } })).toThrow(/64 hex digits/);
  });
});
