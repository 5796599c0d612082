import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/observability/logger';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { simpleMessage } from '../../support/messages';
import { freePort } from '../../support/waiting';
import { basic } from '../../support/basic-auth';
import { ensureBuilt, spawnGateway, type GatewayProcess, type LogLine } from './gateway-process';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// Distinctive values, so finding them anywhere in the log output means they leaked.
const USER = 'carol';
const PASSWORD = 'Pw-7c1d9e-correct-horse';
const WRONG_PASSWORD = 'Pw-2b8f4a-wrong-battery';
const API_TOKEN = 'tok-5e0a3c91d7b24f68';
const WRONG_TOKEN = 'tok-0000deadbeef0000';

/** Every form in which a secret could reach a log: as is, and inside a Basic header's base64. */
function leakedForms(secrets: string[]): string[] {
  return secrets.flatMap((secret) => [secret, Buffer.from(`${USER}:${secret}`).toString('base64')]);
}

function requestLines(gateway: GatewayProcess, reqId: string): LogLine[] {
  return gateway.logs().filter((line) => line.reqId === reqId);
}

describe('popgate logs', () => {
  let dovecot: DovecotServer;
  let caDir: string;
  let caFile: string;

  beforeAll(async () => {
    const built = ensureBuilt();
    dovecot = await startDovecot({ users: [{ name: USER, password: PASSWORD }] });
    await dovecot.deliver(USER, simpleMessage({ subject: 'for the log test' }));
    caDir = await mkdtemp(path.join(tmpdir(), 'popgate-ops-ca-'));
    caFile = path.join(caDir, 'ca.pem');
    await writeFile(caFile, dovecot.caPem);
    await built;
  }, 180_000);

  afterAll(async () => {
    await dovecot?.close();
    if (caDir) await rm(caDir, { recursive: true, force: true });
  });

  const upstreamEnv = (): Record<string, string> => ({
    POP3_HOST: '127.0.0.1',
    POP3_PORT: String(dovecot.pop3sPort),
    POP3_CA_FILE: caFile,
    POP3_TLS_SERVERNAME: 'localhost',
  });

  describe('in multi-mailbox mode at LOG_LEVEL=trace', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await spawnGateway({ ...upstreamEnv(), LOG_LEVEL: 'trace' });
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    const get = (pathname: string, headers: Record<string, string>): Promise<Response> => fetch(gateway.baseUrl + pathname, { headers });

    it('echoes an X-Request-Id it was given and logs the request under it', async () => {
      const res = await get('/messages', { Authorization: basic(USER, PASSWORD), 'X-Request-Id': 'lb-4f2a:0001' });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('lb-4f2a:0001');
      const line = await gateway.waitForLog((l) => l.reqId === 'lb-4f2a:0001');
      expect(line).toMatchObject({ msg: 'request', method: 'GET', route: '/messages', status: 200 });
    });

    it('makes up a request id when none was sent, and a different one for each request', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const res = await get('/healthz', {});
        ids.push(res.headers.get('x-request-id') ?? '');
      }
      expect(ids[0]).toMatch(UUID);
      expect(ids[1]).toMatch(UUID);
      expect(ids[0]).not.toBe(ids[1]);
      await gateway.waitForLog((l) => l.reqId === ids[1]);
      expect(requestLines(gateway, ids[0]!)).toHaveLength(1);
    });

    it('replaces an X-Request-Id that is too long or not plain text', async () => {
      for (const given of ['x'.repeat(129), 'two words', '<script>']) {
        const res = await get('/healthz', { 'X-Request-Id': given });
        expect(res.headers.get('x-request-id')).toMatch(UUID);
      }
    });

    it('never writes the password, or the Basic header carrying it, for a refused or an accepted login', async () => {
      const refused = await get('/messages', { Authorization: basic(USER, WRONG_PASSWORD), 'X-Request-Id': 'refused-login' });
      expect(refused.status).toBe(401);
      const accepted = await get('/mailbox/stat', { Authorization: basic(USER, PASSWORD), 'X-Request-Id': 'accepted-login' });
      expect(accepted.status).toBe(200);
      await gateway.waitForLog((l) => l.reqId === 'accepted-login');
      await gateway.waitForLog((l) => l.reqId === 'refused-login');

      const output = gateway.stdout() + gateway.stderr();
      for (const leak of leakedForms([PASSWORD, WRONG_PASSWORD])) expect(output).not.toContain(leak);
    });
  });

  describe('in single-mailbox mode at LOG_LEVEL=trace', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await spawnGateway({ ...upstreamEnv(), POP3_USER: USER, POP3_PASS: PASSWORD, API_TOKENS: API_TOKEN, LOG_LEVEL: 'trace' });
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    it('never writes the API token, a wrong token, or the configured POP3 password', async () => {
      const ok = await fetch(`${gateway.baseUrl}/messages`, { headers: { Authorization: `Bearer ${API_TOKEN}`, 'X-Request-Id': 'good-token' } });
      expect(ok.status).toBe(200);
      const refused = await fetch(`${gateway.baseUrl}/messages`, { headers: { Authorization: `Bearer ${WRONG_TOKEN}`, 'X-Request-Id': 'bad-token' } });
      expect(refused.status).toBe(401);
      await gateway.waitForLog((l) => l.reqId === 'good-token');
      await gateway.waitForLog((l) => l.reqId === 'bad-token');

      const output = gateway.stdout() + gateway.stderr();
      for (const leak of [...leakedForms([PASSWORD]), API_TOKEN, WRONG_TOKEN]) expect(output).not.toContain(leak);
    });
  });

  describe('when the upstream fails', () => {
    let gateway: GatewayProcess;
    beforeAll(async () => {
      gateway = await spawnGateway({ POP3_HOST: '127.0.0.1', POP3_PORT: String(await freePort()), LOG_LEVEL: 'info' });
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    it('logs the failure with the request id of the request that met it, and without credentials', async () => {
      const res = await fetch(`${gateway.baseUrl}/messages`, { headers: { Authorization: basic(USER, PASSWORD), 'X-Request-Id': 'upstream-down-1' } });
      expect(res.status).toBe(503);
      const line = await gateway.waitForLog((l) => l.reqId === 'upstream-down-1');
      expect(line).toMatchObject({ level: 40, msg: 'upstream failure', code: 'upstream_unavailable' });
      for (const leak of leakedForms([PASSWORD])) expect(gateway.stdout()).not.toContain(leak);
    });
  });

  it('censors credentials even when code logs a request or credentials object directly', () => {
    let written = '';
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const logger = createLogger('trace', sink);
    logger.info({ req: { headers: { authorization: basic(USER, PASSWORD), cookie: 'sid=abc' } } }, 'incoming');
    logger.info({ credentials: { user: USER, password: PASSWORD } }, 'login');
    logger.info({ session: { password: PASSWORD, accessToken: API_TOKEN } }, 'session');
    for (const leak of [...leakedForms([PASSWORD]), API_TOKEN, 'sid=abc']) expect(written).not.toContain(leak);
    expect(written.match(/\[redacted\]/g)?.length).toBe(5);
  });
});
