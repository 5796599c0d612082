import type { Request } from 'express';
import type { MailboxService } from '../../services/mailbox-service';
import { accessOf } from '../input/cache-freshness';
import { ifNoneMatchHits } from './etag';

/**
 * Whether the caller already holds the current copy of a message representation
 * (`If-None-Match` names its ETag). A 304 still goes through the service — its cheapest
 * call, the header summary — so it is only given to credentials the upstream accepts and
 * for a message that still exists; a deleted one answers 404, not 304.
 */
export async function holdsCurrentCopy(req: Request, service: MailboxService, id: string, etag: string): Promise<boolean> {
  if (!ifNoneMatchHits(req.headers['if-none-match'], etag)) return false;
  await service.headers(accessOf(req), id);
  return true;
}
