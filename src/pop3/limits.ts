/**
 * Every size and count limit of the POP3 client, named after the RFC text that motivates it.
 * Limits are what keep a hostile or broken server from costing more than one request.
 */

/**
 * RFC 2449 §4: "The maximum length of the first line of a command response (including the
 * initial greeting) is unchanged at 512 octets (including the terminating CRLF)". So a status line
 * (`+OK …`, `-ERR …`, `+ …`) is at most 512 octets with its CRLF.
 * A longer line is a protocol error, detected as soon as the 512th octet arrives without LF.
 */
export const MAX_STATUS_LINE_OCTETS = 512;

/**
 * RFC 2449 §4: "The maximum length of a command line is increased from 47 characters
 * (4 character command, single space, 40 character argument, CRLF) to 255 octets, including
 * the terminating CRLF." Used to decide whether a SASL initial response fits on the AUTH line
 * (RFC 5034 §4: otherwise send `AUTH <mech>` and answer the `+` challenge instead).
 */
export const MAX_COMMAND_LINE_OCTETS = 255;

/**
 * RFC 1939 §7 (UIDL): "The unique-id of a message is an arbitrary server-determined string,
 * consisting of one to 70 characters in the range 0x21 to 0x7E." The one home of that rule:
 * the HTTP layer checks message ids against it too (its source is the spec's `@pattern`).
 */
export const UNIQUE_ID_PATTERN = /^[\x21-\x7E]{1,70}$/;

/**
 * RFC 2449 §6.6 (PIPELINING) lets a client send many commands without waiting, but warns that
 * the client must not deadlock on TCP windows: keep a bounded number of commands in flight.
 */
export const PIPELINE_WINDOW = 50;

/**
 * RFC 5034 (SASL for POP3) does not bound the challenge/response exchange; a server that keeps
 * sending `+` challenges past this count is treated as broken.
 */
export const MAX_SASL_ROUNDS = 8;

/**
 * The high-water mark of a message body stream: how much unread body may wait in the stream
 * before the socket is paused (Node's default for byte streams is 16 KiB; bigger means fewer
 * pause/resume flips on 50 MB messages, still a bounded amount of memory).
 */
export const BODY_STREAM_HIGH_WATER_MARK = 256 * 1024;
