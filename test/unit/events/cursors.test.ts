import fc from 'fast-check';
import { compareCursors, InvalidCursorError, isAfter, parseCursor } from '../../../src/events/event-log';

/** A cursor as the log writes it: `<ms>-<seq>`, no leading zeros. */
const cursor = fc.tuple(fc.nat({ max: 2 ** 45 }), fc.nat({ max: 100_000 })).map(([ms, seq]) => `${ms}-${seq}`);

describe('event cursors', () => {
  test('order by milliseconds, then by sequence, as numbers (not as strings)', () => {
    expect(compareCursors('9-0', '10-0')).toBeLessThan(0);
    expect(compareCursors('10-9', '10-10')).toBeLessThan(0);
    expect(compareCursors('10-10', '10-10')).toBe(0);
    expect(isAfter('10-0', '9-99')).toBe(true);
    expect(isAfter('10-10', '10-9')).toBe(true);
    expect(isAfter('10-10', '10-10')).toBe(false);
  });

  test('isAfter, the allocation-free check of the live path, agrees with compareCursors on any two cursors', () => {
    fc.assert(
      fc.property(cursor, cursor, (a, b) => isAfter(a, b) === compareCursors(a, b) > 0),
      { numRuns: 20_000 },
    );
  });

  test.each(['', 'yesterday', '1-2-3', '-1', '1-', '1764496800000', '1.5-0', '1234567890123456-0'])('refuses %j as a cursor', (value) => {
    expect(() => parseCursor(value)).toThrow(InvalidCursorError);
  });
});
