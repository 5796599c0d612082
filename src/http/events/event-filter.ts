import type { Request } from 'express';
import { ACCOUNT_ID_PATTERN } from '../../accounts/account';
import { AccountNotFoundError } from '../../accounts/errors';
import { EVENT_TYPES, type EventType } from '../../events/event';
import { InvalidCursorError, parseCursor, type EventQuery } from '../../events/event-log';
import { tokenCallerOf } from '../auth/caller';
import { InvalidRequestError } from '../problems/http-errors';

/** Which events a reader of `/events` or `/events/stream` sees. */
export type EventFilter = Pick<EventQuery, 'account' | 'types'>;

/**
 * The filter of an events request, checked before the log is read: `account` (a token bound to
 * an account sees that account only; naming another is 404, as for no account) and `type`
 * (repeated, or a comma list, of event types).
 * @throws InvalidRequestError naming the parameter, AccountNotFoundError
 */
export function eventFilterOf(req: Request, account: string | undefined, type: string[] | undefined): EventFilter {
  if (account !== undefined && !ACCOUNT_ID_PATTERN.test(account)) {
    throw new InvalidRequestError(`account must be an account id (letters, digits, ".", "_", "-"; 1 to 64); got ${JSON.stringify(account.slice(0, 70))}.`, 'account');
  }
  const bound = tokenCallerOf(req).account;
  if (bound !== null && account !== undefined && account !== bound) throw new AccountNotFoundError(account);
  const filter: EventFilter = {};
  const reachable = bound ?? account;
  if (reachable !== undefined) filter.account = reachable;
  if (type !== undefined) filter.types = eventTypesOf(type);
  return filter;
}

function eventTypesOf(values: string[]): EventType[] {
  const types = new Set<EventType>();
  for (const name of values.flatMap((value) => value.split(','))) {
    const trimmed = name.trim();
    if (!(EVENT_TYPES as readonly string[]).includes(trimmed)) {
      throw new InvalidRequestError(`type must be one of ${EVENT_TYPES.join(', ')} (repeat type, or separate types with commas); got ${JSON.stringify(trimmed.slice(0, 40))}.`, 'type');
    }
    types.add(trimmed as EventType);
  }
  return [...types];
}

/**
 * A cursor from the client, named by where it came from (`after`, `Last-Event-ID`).
 * @throws InvalidRequestError
 */
export function cursorOf(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  try {
    const [ms, seq] = parseCursor(value);
    return `${ms}-${seq}`; // as the log writes it (no leading zeros), so cursors compare as strings do
  } catch (err) {
    if (!(err instanceof InvalidCursorError)) throw err;
    throw new InvalidRequestError(`${name} must be an event cursor such as "1764496800000-0" (an event's cursor, or a page's next); got ${JSON.stringify(value.slice(0, 40))}.`, name);
  }
}
