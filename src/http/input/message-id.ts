import { UNIQUE_ID_PATTERN } from '../../pop3/limits';
import { InvalidRequestError } from '../problems/http-errors';

/**
 * Whether `id` has the syntax of a UIDL value (RFC 1939 section 7, UNIQUE_ID_PATTERN).
 * Anything else cannot be a UIDL value, so it is refused before any POP3 I/O —
 * which also keeps CR, LF, NUL and spaces away from the command line.
 */
export function isMessageId(id: string): boolean {
  return UNIQUE_ID_PATTERN.test(id);
}

/** What an id may be, in words. */
export const MESSAGE_ID_ALLOWED = 'a UIDL value: 1 to 70 printable ASCII characters (0x21-0x7E), URL-encoded in the path';

/** What a caller is told when an id breaks the rule. */
export const MESSAGE_ID_RULE = `The message id must be ${MESSAGE_ID_ALLOWED}.`;

/**
 * Returns `id` unchanged when it is a valid UIDL value.
 * @throws InvalidRequestError (400) otherwise.
 */
export function parseMessageId(id: string): string {
  if (!isMessageId(id)) {
    throw new InvalidRequestError(MESSAGE_ID_RULE, 'id');
  }
  return id;
}
