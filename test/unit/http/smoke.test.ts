import request from 'supertest';
import { appWithFake, DEMO_AUTH } from './app-harness';
test('smoke', async () => {
  const { app } = appWithFake();
  for (const p of ['/mailbox/stat', '/messages', '/messages/uid-2', '/messages/uid-2/raw', '/messages/uid-2/attachments/0', '/messages/uid-2/attachments/1', '/messages/x%0D', '/nope', '/messages?limit=5000&foo=1', '/docs', '/docs/', '/openapi.json', '/readyz']) {
    const r = await request(app).get(p).set('Authorization', DEMO_AUTH);
    console.log(p, r.status, JSON.stringify(r.headers), (r.text ?? '').slice(0, 200));
  }
});
