import request from 'supertest';
import { appWithFake, DEMO_AUTH, DEMO_CREDENTIALS } from './app-harness';
import { bytes } from '../../support/streams';

describe('every endpoint, on its success path', () => {
  test('GET /mailbox/stat answers the count and size as JSON', async () => {
    const { app, service } = appWithFake();
    const res = await request(app).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ count: 2, size: service.messages[0]!.raw.length + service.messages[1]!.raw.length, snapshotAt: '2025-01-31T09:30:00.000Z' });
    expect(service.callsOf('stat')[0]!.access).toEqual({ credentials: DEMO_CREDENTIALS });
  });

  test('GET /mailbox/capabilities answers CAPA, stableIds and TLS', async () => {
    const { app } = appWithFake();
    const res = await request(app).get('/mailbox/capabilities').set('Authorization', DEMO_AUTH).expect(200);
    expect(res.body).toMatchObject({ stableIds: true, capabilities: { SASL: ['PLAIN'] }, tls: { protocol: 'TLSv1.3' } });
  });

  test('GET /messages asks for newest-first pages of 50 without headers by default', async () => {
    const { app, service } = appWithFake();
    const res = await request(app).get('/messages').set('Authorization', DEMO_AUTH).expect(200);
    expect(service.callsOf('list')[0]!.args).toEqual([{ offset: 0, limit: 50, order: 'desc', headers: false }]);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body.items.map((item: { id: string }) => item.id)).toEqual(['uid-2', 'uid-1']);
  });

  test('GET /messages passes offset, limit, order and headers through, typed', async () => {
    const { app, service } = appWithFake();
    const res = await request(app)
      .get('/messages?offset=1&limit=1000&order=asc&headers=true')
      .set('Authorization', DEMO_AUTH)
      .expect(200);
    expect(service.callsOf('list')[0]!.args).toEqual([{ offset: 1, limit: 1000, order: 'asc', headers: true }]);
    expect(res.body.items).toEqual([{ id: 'uid-2', number: 2, size: service.messages[1]!.raw.length, headers: expect.objectContaining({ subject: 'Subject 2' }) }]);
  });

  test("GET /messages serves the service's serialized page byte for byte, with its ETag", async () => {
    const { app, service } = appWithFake();
    const page = await service.list({ credentials: DEMO_CREDENTIALS }, { offset: 0, limit: 50, order: 'desc', headers: false });
    const res = await request(app).get('/messages').set('Authorization', DEMO_AUTH).expect(200);
    expect(res.text).toBe(page.json);
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(page.json)));
    expect(res.headers.etag).toBe(page.etag);
  });

  test('GET /messages/{id} answers the parsed message with an ETag', async () => {
    const { app, service } = appWithFake();
    const res = await request(app).get('/messages/uid-2').set('Authorization', DEMO_AUTH).expect(200);
    expect(res.body).toMatchObject({ id: 'uid-2', number: 2, subject: 'Subject 2' });
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(service.callsOf('message')[0]!.args).toEqual(['uid-2']);
  });

  test('GET /messages/{id}/raw streams message/rfc822 with the exact bytes', async () => {
    const { app, service } = appWithFake();
    const res = await request(app)
      .get('/messages/uid-2/raw')
      .set('Authorization', DEMO_AUTH)
      .buffer(true)
      .parse(bytes)
      .expect(200);
    expect(res.headers['content-type']).toBe('message/rfc822');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(Buffer.compare(res.body as Buffer, service.messages[1]!.raw)).toBe(0);
  });

  test('GET /messages/{id}/headers answers the header block', async () => {
    const { app } = appWithFake();
    const res = await request(app).get('/messages/uid-1/headers').set('Authorization', DEMO_AUTH).expect(200);
    expect(res.body).toEqual({ id: 'uid-1', headers: { subject: ['from the fake'] }, raw: 'Subject: one' });
    expect(res.headers.etag).toBeDefined();
  });

  test('GET /messages/{id}/attachments/{index} answers the bytes with their type and an RFC 6266 file name', async () => {
    const { app, service } = appWithFake();
    const res = await request(app).get('/messages/uid-2/attachments/0').set('Authorization', DEMO_AUTH).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(service.messages[1]!.attachments[0]!.content.length));
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="R_sum_ _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
    expect(res.body.toString()).toBe('%PDF-1.4 fake');
    expect(service.callsOf('attachment')[0]!.args).toEqual(['uid-2', 0]);
  });

  test('an attachment whose Content-Type is not a clean media type is served as octet-stream, sandboxed, nosniff', async () => {
    const { app } = appWithFake();
    const res = await request(app).get('/messages/uid-2/attachments/1').set('Authorization', DEMO_AUTH).expect(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['x-injected']).toBeUndefined();
    expect(res.headers['content-disposition']).toBe('attachment');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
  });

  test('DELETE /messages/{id} answers 204 with no body once the service committed', async () => {
    const { app, service } = appWithFake();
    const res = await request(app).delete('/messages/uid-1').set('Authorization', DEMO_AUTH).expect(204);
    expect(res.text).toBe('');
    expect(service.callsOf('delete')[0]!.args).toEqual(['uid-1']);
    expect(service.messages.map((m) => m.id)).toEqual(['uid-2']);
  });

  test('an id with reserved characters arrives decoded, exactly as the UIDL', async () => {
    const { app, service } = appWithFake();
    service.messages.push({ id: 'a/b?c#d%e', raw: Buffer.from('x'), attachments: [] });
    await request(app).get(`/messages/${encodeURIComponent('a/b?c#d%e')}`).set('Authorization', DEMO_AUTH).expect(200);
    expect(service.callsOf('message')[0]!.args).toEqual(['a/b?c#d%e']);
  });

  test('GET /healthz answers ok without credentials', async () => {
    const { app } = appWithFake();
    const res = await request(app).get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('GET /readyz answers 200 with the checks when ready', async () => {
    const { app } = appWithFake();
    const res = await request(app).get('/readyz').expect(200);
    expect(res.body.checks).toEqual({ upstream: 'ok', redis: 'disabled' });
  });

  test('GET /readyz answers 503 with the checks when not ready, or when the check itself fails', async () => {
    const notReady = appWithFake({ readiness: async () => ({ ok: false, checks: { upstream: 'connection refused' } }) });
    const res = await request(notReady.app).get('/readyz').expect(503);
    expect(res.body.checks).toEqual({ upstream: 'connection refused' });
    const broken = appWithFake({ readiness: async () => Promise.reject(new Error('boom')) });
    const failed = await request(broken.app).get('/readyz').expect(503);
    expect(failed.body.checks).toEqual({ readiness: 'failed' });
  });

  test('metrics hooks see each request by route pattern, and their handler serves /metrics', async () => {
    const samples: { route: string; status: number }[] = [];
    const { app } = appWithFake({
      metrics: {
        observeRequest: (sample) => samples.push(sample),
        handler: (_req, res) => void res.type('text/plain').send('popgate_up 1\n'),
      },
    });
    await request(app).get('/messages/uid-1').set('Authorization', DEMO_AUTH).expect(200);
    await request(app).get('/no-such-thing').expect(404);
    const metrics = await request(app).get('/metrics').expect(200);
    expect(metrics.text).toBe('popgate_up 1\n');
    expect(samples.slice(0, 2)).toEqual([
      expect.objectContaining({ route: '/messages/:id', status: 200 }),
      expect.objectContaining({ route: 'unmatched', status: 404 }),
    ]);
  });
});
