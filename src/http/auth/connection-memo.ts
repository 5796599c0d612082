import type { Socket } from 'node:net';

interface Remembered<T> {
  /** The value's UTF-16 code units: a typed array halves the comparison's work. */
  value: Uint16Array;
  found: T;
}

/**
 * What the last `Authorization` value sent on a connection was found to be, so that a
 * keep-alive client sending the very same value again — as clients do, request after
 * request — costs a comparison instead of a keyed hash and a lookup (about 1 µs, the fast
 * lane's largest own cost). The value is held beside its connection only while that
 * connection is open, as the client's next request brings it anyway: dropped when it closes,
 * never shared with another connection, never logged. The comparison takes the same time
 * wherever the values differ (`===` stops at the first difference): behind a proxy that
 * reuses its connections, the value compared may be another caller's.
 */
export class ConnectionMemo<T> {
  private readonly last = new WeakMap<Socket, Remembered<T>>();

  /** `derive` says what a value is, or null for a value not worth remembering (it is asked again). */
  constructor(private readonly derive: (value: string) => T | null) {}

  /** What `value`, sent on `connection`, is (null for no value): remembered when it is the value the connection last sent. */
  of(connection: Socket, value: string | undefined): T | null {
    if (value === undefined) return null;
    const remembered = this.last.get(connection);
    if (remembered !== undefined && sameValue(remembered.value, value)) return remembered.found;
    const found = this.derive(value);
    if (found === null || connection.destroyed) return found;
    if (remembered === undefined) connection.once('close', () => this.last.delete(connection));
    this.last.set(connection, { value: codeUnits(value), found });
    return found;
  }
}

function codeUnits(value: string): Uint16Array {
  const units = new Uint16Array(value.length);
  for (let i = 0; i < value.length; i++) units[i] = value.charCodeAt(i);
  return units;
}

/**
 * `String.prototype.charCodeAt`, called with the string as `this`. Written `value.charCodeAt(i)`,
 * the method is looked up on the string for every character, and in a running gateway V8
 * compiled that lookup as a generic property load: ≈5,000 machine instructions a request
 * (docs/benchmarks.md, seventh round). A constant function needs no lookup.
 */
// eslint-disable-next-line @typescript-eslint/unbound-method -- always called with a string as `this` (sameValue)
const charCodeAt = String.prototype.charCodeAt;

/** Whether `value` has these code units, in a time that depends on the lengths only. */
function sameValue(units: Uint16Array, value: string): boolean {
  if (units.length !== value.length) return false;
  let difference = 0;
  for (let i = 0; i < units.length; i++) difference |= units[i]! ^ charCodeAt.call(value, i);
  return difference === 0;
}
