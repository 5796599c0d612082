/**
 * popgate-client: a thin, typed client for the popgate HTTP API. The types come from
 * popgate's OpenAPI spec (src/schema.ts, generated); the requests go through openapi-fetch.
 */
export { createPopgateClient, type CallOptions, type MailboxOperations, type PopgateClient, type PopgateClientOptions } from './client';
export type { PopgateAuth } from './auth';
export type { StreamedEvent } from './event-stream';
export { PopgateError, UnexpectedResponseError } from './errors';
export type * from './models';
export type { components, operations, paths } from './schema';
