import request from 'supertest';
import { appWithFake, DEMO_AUTH } from './app-harness';

describe('GET /messages query values are checked before the service is asked', () => {
  test.each([
    ['a negative offset', 'offset=-1', 'offset must be an integer of 0 or more; got "-1".'],
    ['a fractional offset', 'offset=1.5', 'offset must be an integer of 0 or more; got "1.5".'],
    ['a word for an offset', 'offset=ten', 'offset must be an integer of 0 or more; got "ten".'],
    ['a word for a limit', 'limit=abc', 'limit must be an integer from 1 to 1000; got "abc".'],
    ['limit 0', 'limit=0', 'limit must be an integer from 1 to 1000; got "0".'],
    ['limit 1001', 'limit=1001', 'limit must be an integer from 1 to 1000; got "1001".'],
    ['an empty limit', 'limit=', 'limit must be an integer from 1 to 1000; got "".'],
    ['two limits', 'limit=1&limit=2', 'limit must be an integer from 1 to 1000; it was given more than once.'],
    ['an unknown order', 'order=newest', 'order must be "asc" or "desc"; got "newest".'],
    ['headers=yes', 'headers=yes', 'headers must be true or false; got "yes".'],
    ['two bad values', 'limit=0&order=up', 'limit must be an integer from 1 to 1000; got "0". order must be "asc" or "desc"; got "up".'],
    ['an unknown parameter', 'limt=10', 'Unknown query parameter "limt"; it takes offset, limit, order, headers.'],
  ])('%s → 400 invalid_request naming the parameter, what is wrong and what it allows', async (_case, query, detail) => {
    const { app, service } = appWithFake();
    const res = await request(app).get(`/messages?${query}`).set('Authorization', DEMO_AUTH).expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'invalid_request', detail });
    expect(service.calls).toEqual([]);
  });

  test.each([
    ['an id with a space', '/messages/a%20b', 'id must be a UIDL value: 1 to 70 printable ASCII characters (0x21-0x7E), URL-encoded in the path; got "a b".'],
    ['a word for an attachment index', '/messages/uid-1/attachments/first', 'index must be an integer from 0 to 9999; got "first".'],
    ['an attachment index past 9999', '/messages/uid-1/attachments/10000', 'index must be an integer from 0 to 9999; got "10000".'],
  ])('a path value: %s → 400 naming the parameter, what is wrong and what it allows', async (_case, path, detail) => {
    const { app, service } = appWithFake();
    const res = await request(app).get(path).set('Authorization', DEMO_AUTH).expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'invalid_request', detail });
    expect(service.calls).toEqual([]);
  });

  test('a long refused value is echoed cut short', async () => {
    const { app } = appWithFake();
    const res = await request(app).get(`/messages?order=${'x'.repeat(500)}`).set('Authorization', DEMO_AUTH).expect(400);
    expect(res.body.detail).toBe(`order must be "asc" or "desc"; got "${'x'.repeat(40)}…".`);
  });

  test('the edges of the ranges are accepted', async () => {
    const { app, service } = appWithFake();
    await request(app).get('/messages?offset=0&limit=1').set('Authorization', DEMO_AUTH).expect(200);
    await request(app).get('/messages?offset=999999&limit=1000&order=desc&headers=false').set('Authorization', DEMO_AUTH).expect(200);
    expect(service.callsOf('list').map((c) => c.args[0])).toEqual([
      { offset: 0, limit: 1, order: 'desc', headers: false },
      { offset: 999999, limit: 1000, order: 'desc', headers: false },
    ]);
  });

  test('routes that take no query parameters refuse them too', async () => {
    const { app, service } = appWithFake();
    const res = await request(app).get('/mailbox/stat?verbose=1').set('Authorization', DEMO_AUTH).expect(400);
    expect(res.body.detail).toContain('verbose');
    await request(app).get('/messages/uid-1?x=1').set('Authorization', DEMO_AUTH).expect(400);
    expect(service.calls).toEqual([]);
  });
});
