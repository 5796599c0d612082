import request from 'supertest';
import { isMessageId } from '../../../src/http/input/message-id';
import { UNIQUE_ID_PATTERN } from '../../../src/pop3/limits';
import { OPENAPI_SPEC } from '../../../src/http/ops/docs';
import { appWithFake, DEMO_AUTH } from './app-harness';

const badIds: [string, string][] = [
  ['CR LF', '%0D%0A'],
  ['an embedded CR LF', 'uid%0D%0ADELE%201'],
  ['NUL', 'uid%00'],
  ['a space', 'uid%201'],
  ['a tab', 'uid%09'],
  ['71 characters', 'a'.repeat(71)],
  ['non-ASCII', encodeURIComponent('üid')],
  ['DEL (0x7F)', 'uid%7F'],
];

describe('message ids are UIDL values, checked before any POP3 I/O', () => {
  const paths = (id: string): [string, string][] => [
    ['get', `/messages/${id}`],
    ['get', `/messages/${id}/raw`],
    ['get', `/messages/${id}/headers`],
    ['get', `/messages/${id}/attachments/0`],
    ['delete', `/messages/${id}`],
  ];

  test.each(badIds)('an id with %s is 400 invalid_request on every message route, and the service is never called', async (_case, id) => {
    const { app, service } = appWithFake();
    for (const [method, path] of paths(id)) {
      const res = await request(app)[method as 'get' | 'delete'](path).set('Authorization', DEMO_AUTH);
      expect([method, path, res.status]).toEqual([method, path, 400]);
      expect(res.body).toMatchObject({ code: 'invalid_request' });
      expect(res.body.detail).toContain('UIDL value');
    }
    expect(service.calls).toEqual([]);
  });

  test.each([
    ['70 characters', 'a'.repeat(70)],
    ['one character', 'x'],
    ['the edges of the range', '!~'],
    ['punctuation that needs encoding', '%2F%3F%23%25'],
  ])('an id of %s reaches the service', async (_case, id) => {
    const { app, service } = appWithFake();
    await request(app).get(`/messages/${id}`).set('Authorization', DEMO_AUTH).expect(404);
    expect(service.callsOf('message')).toHaveLength(1);
  });

  test.each(['-1', '1.5', 'first', '1e3'])('an attachment index of %s is 400 invalid_request naming index', async (index) => {
    const { app, service } = appWithFake();
    const res = await request(app).get(`/messages/uid-2/attachments/${index}`).set('Authorization', DEMO_AUTH).expect(400);
    expect(res.body.detail).toContain('index');
    expect(service.calls).toEqual([]);
  });

  test('the pattern published in the spec is the one the code enforces', () => {
    const parameters = (OPENAPI_SPEC as { paths: Record<string, Record<string, { parameters: { name: string; schema: { pattern?: string } }[] }>> }).paths['/messages/{id}']!.get!.parameters;
    const published = parameters.find((p) => p.name === 'id')!.schema.pattern!;
    expect(new RegExp(published).source).toBe(UNIQUE_ID_PATTERN.source);
  });

  test('isMessageId accepts exactly 1 to 70 characters from 0x21 to 0x7E', () => {
    for (let code = 0; code < 0x100; code++) {
      expect(isMessageId(String.fromCharCode(code))).toBe(code >= 0x21 && code <= 0x7e);
    }
    expect(isMessageId('')).toBe(false);
  });
});
