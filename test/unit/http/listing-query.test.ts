import request from 'supertest';
import { appWithFake, DEMO_AUTH } from './app-harness';

describe('GET /messages query values are checked before the service is asked', () => {
  test.each([
    ['a negative offset', 'offset=-1', 'offset'],
    ['a fractional offset', 'offset=1.5', 'offset'],
    ['a word for an offset', 'offset=ten', 'offset'],
    ['limit 0', 'limit=0', 'limit'],
    ['limit 1001', 'limit=1001', 'limit'],
    ['an empty limit', 'limit=', 'limit'],
    ['two limits', 'limit=1&limit=2', 'limit'],
    ['an unknown order', 'order=newest', 'order'],
    ['headers=yes', 'headers=yes', 'headers'],
    ['an unknown parameter', 'limt=10', 'limt'],
  ])('%s → 400 invalid_request naming the field', async (_case, query, field) => {
    const { app, service } = appWithFake();
    const res = await request(app).get(`/messages?${query}`).set('Authorization', DEMO_AUTH).expect(400);
    expect(res.body).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(res.body.detail).toContain(field);
    expect(service.calls).toEqual([]);
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
