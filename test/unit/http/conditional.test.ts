import request from 'supertest';
import { MessageNotFoundError } from '../../../src/services/errors';
import { appWithFake, DEMO_AUTH } from './app-harness';

describe('ETag and If-None-Match', () => {
  test("a listing whose ETag the caller holds is 304 with no body; a changed page is 200", async () => {
    const { app, service } = appWithFake();
    const first = await request(app).get('/messages').set('Authorization', DEMO_AUTH).expect(200);
    const etag = first.headers.etag as string;

    const again = await request(app).get('/messages').set('Authorization', DEMO_AUTH).set('If-None-Match', etag).expect(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(etag);

    service.messages.pop();
    const changed = await request(app).get('/messages').set('Authorization', DEMO_AUTH).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  test('If-None-Match with a list of tags, or a weak form of the tag, still matches', async () => {
    const { app } = appWithFake();
    const { headers } = await request(app).get('/messages').set('Authorization', DEMO_AUTH).expect(200);
    await request(app).get('/messages').set('Authorization', DEMO_AUTH).set('If-None-Match', `"other", W/${headers.etag}`).expect(304);
  });

  test.each([
    ['a parsed message', '/messages/uid-2', 'message'],
    ['a raw message', '/messages/uid-2/raw', 'raw'],
    ['an attachment', '/messages/uid-2/attachments/0', 'attachment'],
  ] as const)('%s the caller holds is 304, confirmed with the cheap header call instead of a fetch', async (_kind, path, fetch) => {
    const { app, service } = appWithFake();
    const { headers } = await request(app).get(path).set('Authorization', DEMO_AUTH).expect(200);
    const res = await request(app).get(path).set('Authorization', DEMO_AUTH).set('If-None-Match', headers.etag as string).expect(304);
    expect(res.headers.etag).toBe(headers.etag);
    expect(service.callsOf(fetch)).toHaveLength(1);
    expect(service.callsOf('headers')).toHaveLength(1);
  });

  test('the header block the caller holds is 304 too', async () => {
    const { app } = appWithFake();
    const { headers } = await request(app).get('/messages/uid-1/headers').set('Authorization', DEMO_AUTH).expect(200);
    await request(app).get('/messages/uid-1/headers').set('Authorization', DEMO_AUTH).set('If-None-Match', headers.etag as string).expect(304);
  });

  test('each representation of a message has its own ETag, and each message its own', async () => {
    const { app } = appWithFake();
    const paths = ['/messages/uid-2', '/messages/uid-2/raw', '/messages/uid-2/headers', '/messages/uid-2/attachments/0', '/messages/uid-2/attachments/1', '/messages/uid-1'];
    const tags = await Promise.all(paths.map(async (p) => (await request(app).get(p).set('Authorization', DEMO_AUTH).expect(200)).headers.etag));
    expect(new Set(tags).size).toBe(paths.length);
  });

  test('a 304 is never given for a message that is gone, nor to credentials the service refuses', async () => {
    const { app, service } = appWithFake();
    const { headers } = await request(app).get('/messages/uid-1').set('Authorization', DEMO_AUTH).expect(200);
    service.failures.set('headers', new MessageNotFoundError('uid-1'));
    const res = await request(app).get('/messages/uid-1').set('Authorization', DEMO_AUTH).set('If-None-Match', headers.etag as string).expect(404);
    expect(res.headers.etag).toBeUndefined();
    await request(app).get('/messages/uid-1').set('If-None-Match', headers.etag as string).expect(401);
  });
});

describe('Cache-Control: no-cache asks the service for a fresh view', () => {
  test.each([
    ['Cache-Control: no-cache', true, { 'Cache-Control': 'no-cache' }],
    ['no-cache among other directives', true, { 'Cache-Control': 'max-age=0, no-cache' }],
    ['Pragma: no-cache', true, { Pragma: 'no-cache' }],
    ['Cache-Control: max-age=0', false, { 'Cache-Control': 'max-age=0' }],
    ['no header', false, {}],
  ])('%s → fresh is %s', async (_case, fresh, headers) => {
    const { app, service } = appWithFake();
    await request(app).get('/messages').set('Authorization', DEMO_AUTH).set(headers).expect(200);
    await request(app).get('/mailbox/stat').set('Authorization', DEMO_AUTH).set(headers).expect(200);
    for (const call of service.calls) expect(call.access.fresh === true).toBe(fresh);
  });
});
