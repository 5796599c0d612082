import { ifNoneMatchHits, messageEtag } from '../../../src/http/responses/etag';

describe('ETags', () => {
  test('a message ETag is strong, stable, and differs by id and by representation', () => {
    expect(messageEtag('uid-1', 'raw')).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(messageEtag('uid-1', 'raw')).toBe(messageEtag('uid-1', 'raw'));
    expect(messageEtag('uid-1', 'raw')).not.toBe(messageEtag('uid-2', 'raw'));
    expect(messageEtag('uid-1', 'raw')).not.toBe(messageEtag('uid-1', 'parsed.v1'));
  });

  test.each([
    ['the same tag', '"a"', true],
    ['its weak form', 'W/"a"', true],
    ['one of a list', '"x", "a"', true],
    ['*', '*', true],
    ['another tag', '"b"', false],
    ['a tag containing it', '"aa"', false],
    ['an unquoted tag', 'a', false],
    ['nothing', '', false],
  ])('If-None-Match with %s → %s', (_case, header, hit) => {
    expect(ifNoneMatchHits(header, '"a"')).toBe(hit);
  });

  test('tags with commas inside the quotes are compared whole', () => {
    expect(ifNoneMatchHits('"a,b"', '"a,b"')).toBe(true);
    expect(ifNoneMatchHits('"a,b"', '"a"')).toBe(false);
  });
});
