import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import type { MailboxAccess } from '../../services/mailbox-service';
import { callerOf } from '../auth/caller';

/** `Cache-Control: no-cache` (or the HTTP/1.0 `Pragma: no-cache`) asks for a fresh view of the mailbox. */
export function wantsFreshView(req: IncomingMessage): boolean {
  const cacheControl = req.headers['cache-control'];
  if (cacheControl !== undefined && /(?:^|,)\s*no-cache\s*(?:,|$)/i.test(cacheControl)) return true;
  return cacheControl === undefined && /^\s*no-cache\s*$/i.test(req.headers.pragma ?? '');
}

/** What the mailbox service needs to know about an authenticated request. */
export function accessOf(req: Request): MailboxAccess {
  const { credentials } = callerOf(req);
  return wantsFreshView(req) ? { credentials, fresh: true } : { credentials };
}
