/** The POP3 client's public API. */
export { Pop3Client } from './client';
export { Pop3Connection, type Reply, type CommandObserver } from './connection';
export { ReplyReader, type ReplyKind, type ReplyHandler, type FlowControl, type ReplyReaderOptions } from './reply-reader';
export { parseStatusLine, parseResponseCode, isCredentialRefusal, type StatusLine } from './response-code';
export { xoauth2, oauthbearer, decodeErrorChallenge, type BearerMechanism, type BearerTarget } from './bearer-sasl';
export { providerHintFor, PROVIDER_HINTS, type ProviderHint } from './provider-hints';
export { parseStat, parseListLine, parseUidlLine, parseCapabilities, parseApopTimestamp, splitLines } from './parsers';
export * from './errors';
export * from './limits';
export type * from './types';
