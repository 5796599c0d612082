/** Events as a poller records them, for tests that fill the event log directly. */
import { messageEventId, uniqueEventId, type PopgateEvent } from '../../src/events/event';

/** When the test's accounts were registered: part of every message event id. */
const CREATED_AT = '2026-11-30T09:00:00.000Z';

/** `message.received` of `uid`; `subjectBytes` pads the subject (big events for slow-client tests). */
export function received(account: string, uid: string, subjectBytes = 0): PopgateEvent {
  return {
    id: messageEventId({ id: account, createdAt: CREATED_AT }, 'message.received', uid),
    type: 'message.received',
    timestamp: '2026-11-30T10:00:00.000Z',
    account,
    data: { id: uid, size: 1843, headers: { subject: `about ${uid}${'.'.repeat(subjectBytes)}`, from: 'Ann <ann@example.com>', to: `${account}@example.com`, date: null, messageId: null } },
  };
}

export function deleted(account: string, uid: string): PopgateEvent {
  return { id: messageEventId({ id: account, createdAt: CREATED_AT }, 'message.deleted', uid), type: 'message.deleted', timestamp: '2026-11-30T10:00:01.000Z', account, data: { id: uid } };
}

export function statusChange(account: string): PopgateEvent {
  return {
    id: uniqueEventId(),
    type: 'account.status',
    timestamp: '2026-11-30T10:00:02.000Z',
    account,
    data: { status: 'authentication_failed', previous: 'connected', error: 'The POP3 server refused the login.' },
  };
}

