/** Failures the service raises itself (the POP3 client's own are in ../pop3/errors). */

export class MessageNotFoundError extends Error {
  override readonly name: string = 'MessageNotFoundError';
  constructor(readonly id: string) {
    super(`no message with id ${id} in the current snapshot`);
  }
}

export class AttachmentNotFoundError extends Error {
  override readonly name: string = 'AttachmentNotFoundError';
  constructor(readonly id: string, readonly index: number) {
    super(`message ${id} has no attachment ${index}`);
  }
}

/** The message is larger than MAX_MESSAGE_BYTES (known from LIST before anything is fetched). */
export class MessageOverLimitError extends Error {
  override readonly name: string = 'MessageOverLimitError';
  constructor(readonly id: string, readonly size: number, readonly limit: number) {
    super(`message ${id} is ${size} octets, over the ${limit}-octet limit`);
  }
}

/** DELE and QUIT answered +OK, yet a session logged in afterwards still lists the message. */
export class DeletionNotCommittedError extends Error {
  override readonly name: string = 'DeletionNotCommittedError';
  constructor(readonly id: string) {
    super(`the server accepted the deletion of ${id} but kept the message`);
  }
}
