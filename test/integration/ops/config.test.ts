import { ensureBuilt, runGatewayToExit } from './gateway-process';

describe('popgate started with a bad setting', () => {
  beforeAll(() => ensureBuilt(), 180_000);

  it('exits 1 with one line on stderr naming the variable, and never listens', async () => {
    const { code, stdout, stderr } = await runGatewayToExit({ POOL_MAX_PER_MAILBOX: 'abc' });
    expect(code).toBe(1);
    expect(stderr).toBe('popgate: POOL_MAX_PER_MAILBOX must be a positive integer (got "abc")\n');
    expect(stdout).not.toContain('listening');
  });

  it('names a missing CA file by its variable', async () => {
    const { code, stderr } = await runGatewayToExit({ POP3_HOST: '127.0.0.1', POP3_CA_FILE: '/nonexistent/ca.pem' });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^popgate: POP3_CA_FILE cannot be read \(ENOENT\)/);
  });

  it('does not echo a REDIS_URL that may carry a password', async () => {
    const { code, stderr } = await runGatewayToExit({ REDIS_URL: 'http://user:hunter2-secret@127.0.0.1:6379' });
    expect(code).toBe(1);
    expect(stderr).toBe('popgate: REDIS_URL must be a redis:// or rediss:// URL\n');
    expect(stderr).not.toContain('hunter2');
  });

  it('refuses single-mailbox mode without API_TOKENS, naming API_TOKENS', async () => {
    const { code, stderr } = await runGatewayToExit({ POP3_HOST: '127.0.0.1', POP3_USER: 'alice', POP3_PASS: 'alice-secret' });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/^popgate: .*API_TOKENS/);
    expect(stderr).not.toContain('alice-secret');
  });
});
