/**
 * The names of a message's representations, versioned so a change of shape changes their
 * ETags (see messageEtag), shared by the GET and HEAD operations that must agree on them.
 */
// v2: an unparseable Date header is null, no longer the time of the request (mailparser's stand-in).
export const PARSED = 'parsed.v2';
export const RAW = 'raw';
export const HEADERS = 'headers.v1';
export const attachmentRepresentation = (index: number): string => `attachment.v1/${index}`;

/** Served bytes come from whoever sent the mail: never let a browser run them on this origin. */
export const UNTRUSTED_CONTENT_POLICY = "sandbox; default-src 'none'";

/** The media type express gives a JSON answer; a HEAD of a JSON resource says the same. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
