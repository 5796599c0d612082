import type { Socket } from 'node:net';

interface Remembered<T> {
  value: string;
  found: T;
}

/**
 * What the last `Authorization` value sent on a connection was found to be, so that a
 * keep-alive client sending the very same value again — as clients do, request after
 * request — costs a comparison instead of a keyed hash and a lookup (about 1 µs, the fast
 * lane's largest own cost). The value is held beside its connection only while that connection is open, as
 * the client's next request brings it anyway: dropped when it closes, never shared with
 * another connection, never logged. The comparison takes the same time wherever the values
 * differ, as the value may be another caller's behind a shared proxy connection.
 */
export class ConnectionMemo<T> {
  private readonly last = new WeakMap<Socket, Remembered<T>>();

  /** `derive` says what a value is, or null for a value not worth remembering (it is asked again). */
  constructor(private readonly derive: (value: string) => T | null) {}

  /** What `value`, sent on `connection`, is (null for no value): remembered when it is the value the connection last sent. */
  of(connection: Socket, value: string | undefined): T | null {
    if (value === undefined) return null;
    const remembered = this.last.get(connection);
    if (remembered !== undefined && sameString(remembered.value, value)) return remembered.found;
    const found = this.derive(value);
    if (found === null || connection.destroyed) return found;
    if (remembered === undefined) connection.once('close', () => this.last.delete(connection));
    this.last.set(connection, { value, found });
    return found;
  }
}

/** `a === b`, in a time that depends on their length only. */
function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
