import { randomUuid } from '../../../src/http/random-uuid';

/** RFC 9562's version 4 layout: 4 in the version nibble, 10xx in the variant bits, lower-case hex. */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUuid', () => {
  test('makes version 4 UUIDs, across several refills of its random batch', () => {
    // 1,000 ids span eight batches of 128.
    const ids = Array.from({ length: 1000 }, () => randomUuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every hex digit position varies, outside the version and variant bits', () => {
    const ids = Array.from({ length: 512 }, () => randomUuid());
    const seen = Array.from({ length: 36 }, (_, i) => new Set(ids.map((id) => id[i])));
    for (const at of [8, 13, 18, 23]) expect([...seen[at]!]).toEqual(['-']);
    expect([...seen[14]!]).toEqual(['4']);
    expect([...seen[19]!].sort()).toEqual(['8', '9', 'a', 'b']);
    // 512 random bytes give every nibble value at every other position (a miss is ≈16·(15/16)^512 ≈ 1e-13).
    for (let at = 0; at < 36; at++) if (![8, 13, 14, 18, 19, 23].includes(at)) expect(seen[at]!.size).toBe(16);
  });
});
