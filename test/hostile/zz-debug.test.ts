import { Pop3Client } from '../../src/pop3/client';
import { startDovecot } from '../support/dovecot';

it('debug', async () => {
  const dovecot = await startDovecot();
  const opts = { host: dovecot.host, port: dovecot.pop3sPort, tls: 'implicit' as const, ca: dovecot.caPem, servername: 'localhost', timeoutMs: 5000, maxMessageBytes: 1e8 };
  const counts: number[] = [];
  for (let i = 0; i < 10; i++) {
    const a = await Pop3Client.connect(opts); await a.login({ user: 'alice', password: 'alice-secret' });
    await a.quit();
    const b = await Pop3Client.connect(opts); await b.login({ user: 'alice', password: 'alice-secret' });
    counts.push(await dovecot.sessionCount('alice'));
    await b.quit();
    await new Promise(r => setTimeout(r, 100));
  }
  console.log('counts', counts.join(','));
  await dovecot.close();
});
