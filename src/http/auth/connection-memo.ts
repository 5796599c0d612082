import type { Socket } from 'node:net';

/**
 * What the last `Authorization` value sent on a connection was found to be, so that a
 * keep-alive client sending the very same value again — as clients do, request after
 * request — costs a lookup instead of a keyed hash of it (about 1 µs, the fast lane's largest
 * own cost). The value is held beside its connection only while that connection is open, as
 * the client's next request brings it anyway: dropped when it closes, never shared with
 * another connection, never logged.
 *
 * Each connection's value is the key of a one-entry Map rather than compared with `===`: V8
 * compares a key's characters only once its (per-process seeded) hash matches, so the time a
 * lookup takes does not tell another caller behind a shared proxy connection how much of the
 * value its guess has right. A loop comparing every character would do that too, at ten times
 * the cost.
 */
export class ConnectionMemo<T> {
  private readonly last = new WeakMap<Socket, Map<string, T>>();

  /** `derive` says what a value is, or null for a value not worth remembering (it is asked again). */
  constructor(private readonly derive: (value: string) => T | null) {}

  /** What `value`, sent on `connection`, is (null for no value): remembered when it is the value the connection last sent. */
  of(connection: Socket, value: string | undefined): T | null {
    if (value === undefined) return null;
    const remembered = this.last.get(connection);
    const known = remembered?.get(value);
    if (known !== undefined) return known;
    const found = this.derive(value);
    if (found === null || connection.destroyed) return found;
    if (remembered === undefined) {
      this.last.set(connection, new Map([[value, found]]));
      connection.once('close', () => this.last.delete(connection));
    } else {
      remembered.clear();
      remembered.set(value, found);
    }
    return found;
  }
}
