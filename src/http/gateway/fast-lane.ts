import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ListQuery, MailboxService } from '../../services/mailbox-service';
import { wantsFreshView } from '../input/cache-freshness';
import type { QuietAuthenticator, QuietTokenAuthenticator } from '../auth/authenticators';
import { ACCOUNT_MOUNT } from '../auth/account-mailboxes';
import type { AccountAccessCache } from './account-access-cache';
import type { MailboxIdentity } from '../../pool/mailbox-identity';
import type { RequestTracker } from '../request-bookkeeping';
import { requestHeaders } from '../request-bookkeeping';
import { sendPage } from '../responses/send';
import { remembered } from '../input/remembered';

/**
 * Answers a request from memory, or returns false and leaves it untouched for the express app.
 */
export type FastLane = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface FastLaneDeps {
  service: MailboxService;
  authenticate: QuietAuthenticator;
  /** The same reads under /accounts/{account}/…; absent, those go to express. */
  accounts?: { authenticate: QuietTokenAuthenticator; cache: AccountAccessCache };
  track: RequestTracker;
  /** The client IP express's `req.ip` gives for this request (its `trust proxy` setting applied). */
  clientIp: (req: IncomingMessage) => string;
  logger?: Logger;
}

/** The list operation's query defaults, as declared by MessagesController.listMessages (a test holds them equal to the spec's). */
export const LIST_DEFAULTS: ListQuery = { offset: 0, limit: 50, order: 'desc', headers: false };
const MAX_LIMIT = 1000;
const CANONICAL_OFFSET = /^(?:0|[1-9][0-9]{0,8})$/;
const CANONICAL_LIMIT = /^[1-9][0-9]{0,3}$/;
/** An account's cached reads, its id spelled plainly (ACCOUNT_ID_PATTERN; anything escaped goes to express). */
const ACCOUNT_READ = /^\/accounts\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})(\/messages|\/mailbox\/stat)$/;

/**
 * The two hottest reads — a cached listing page and a warm STAT — answered straight from
 * memory, before express: express's per-request work (prototype swaps, router, tsoa's
 * validation) costs more than the answer itself. The lane takes a request only when it can
 * answer exactly as the express route would, with no I/O: a plain GET of `/messages` or
 * `/mailbox/stat` in canonical form, valid credentials with no failed login on record, no
 * `no-cache`, and the answer already in memory. The same two reads of a registered account
 * (`/accounts/{account}/messages`, `/accounts/{account}/mailbox/stat`) are taken when its
 * token and credentials are in memory too (AccountAccessCache, filled by the express path).
 * Everything else — errors, odd spellings, cold data — goes to the express app, which stays
 * the one place that decides failures. Responses carry the same headers as the routes'
 * (request id, nosniff, ETag) and are counted in the same request metrics.
 */
export function createFastLane(deps: FastLaneDeps): FastLane {
  const { service, authenticate, track, clientIp: clientIpOf } = deps;

  /** The mailbox identity of the caller, when the lane may answer for it (no failure to decide, no I/O). */
  const identityOf = (req: IncomingMessage, read: LaneRead): MailboxIdentity | null => {
    const clientIp = clientIpOf(req);
    if (read.account === null) return authenticate(req.headers.authorization, clientIp, req.socket);
    // A live token with messages:read that reaches this account, and the identity of the account's credentials.
    const token = deps.accounts?.authenticate(req.headers.authorization, clientIp, req.socket);
    if (!token?.scopes.includes('messages:read') || (token.account !== null && token.account !== read.account)) return null;
    return deps.accounts?.cache.account(read.account) ?? null;
  };

  const answer = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== 'GET' || req.url === undefined) return false;
    const url = req.url;
    const queryAt = url.indexOf('?');
    const read = laneRead(queryAt < 0 ? url : url.slice(0, queryAt), deps.accounts !== undefined);
    if (!read || wantsFreshView(req)) return false;
    const identity = identityOf(req, read);
    if (!identity) return false;

    const started = track.start();
    if (read.stat) {
      if (queryAt >= 0) return false;
      const stat = service.warmStat(identity);
      if (!stat) return false;
      const headers = requestHeaders(req);
      const body = Buffer.from(JSON.stringify(stat), 'utf8');
      headers.push('Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(body.length));
      res.writeHead(200, headers).end(body);
    } else {
      const query = knownListQuery(queryAt < 0 ? '' : url.slice(queryAt + 1));
      const page = query && service.cachedPage(identity, query);
      if (!page) return false;
      sendPage(req, res, page, requestHeaders(req));
    }
    track.answered(req, res, read.routeOf, started);
    return true;
  };

  return (req, res) => {
    try {
      return answer(req, res);
    } catch (err) {
      // A bug here must not take the process down: express answers the request instead, or,
      // past the first byte, the connection is cut (never a second response glued on).
      deps.logger?.error({ err }, 'fast lane failed');
      if (!res.headersSent) return false;
      res.destroy();
      return true;
    }
  };
}

/** A read the lane may answer: its route label (for metrics), whether it is STAT, and its account (null: top-level). */
interface LaneRead {
  routeOf: () => string;
  stat: boolean;
  account: string | null;
}

/** Made once: a request answered by the lane allocates no read nor route closure of its own. */
const routeLabel = (route: string): (() => string) => () => route;
const TOP_LEVEL_PAGE: LaneRead = { routeOf: routeLabel('/messages'), stat: false, account: null };
const TOP_LEVEL_STAT: LaneRead = { routeOf: routeLabel('/mailbox/stat'), stat: true, account: null };
const ACCOUNT_PAGE_ROUTE = routeLabel(`${ACCOUNT_MOUNT}/messages`);
const ACCOUNT_STAT_ROUTE = routeLabel(`${ACCOUNT_MOUNT}/mailbox/stat`);

function laneRead(path: string, withAccounts: boolean): LaneRead | null {
  if (path === '/messages') return TOP_LEVEL_PAGE;
  if (path === '/mailbox/stat') return TOP_LEVEL_STAT;
  const match = withAccounts ? ACCOUNT_READ.exec(path) : null;
  if (!match) return null;
  const stat = match[2] === '/mailbox/stat';
  return { routeOf: stat ? ACCOUNT_STAT_ROUTE : ACCOUNT_PAGE_ROUTE, stat, account: match[1]! };
}

/** One bit per list parameter, to see a repeated one without a Set per request. */
const PARAMETER_BITS: ReadonlyMap<string, number> = new Map([
  ['offset', 1],
  ['limit', 2],
  ['order', 4],
  ['headers', 8],
]);

/** listQuery, remembered (a client asks for the same few pages over and over): the answer is shared between requests, so it is frozen. */
const knownListQuery = remembered((search): Readonly<ListQuery> | null => {
  const query = listQuery(search);
  return query && Object.freeze(query);
}, 256);

/**
 * `offset`, `limit`, `order` and `headers` in their plain spelling, each at most once; null for
 * anything else (unknown names, encodings, out of range), which express and tsoa judge.
 */
export function listQuery(search: string): ListQuery | null {
  const query = { ...LIST_DEFAULTS };
  if (search === '') return query;
  let seen = 0;
  for (const pair of search.split('&')) {
    const eq = pair.indexOf('=');
    if (eq < 0) return null;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const bit = PARAMETER_BITS.get(name) ?? 0;
    if (bit === 0 || (seen & bit) !== 0) return null;
    seen |= bit;
    if (name === 'offset' && CANONICAL_OFFSET.test(value)) query.offset = Number(value);
    else if (name === 'limit' && CANONICAL_LIMIT.test(value) && Number(value) <= MAX_LIMIT) query.limit = Number(value);
    else if (name === 'order' && (value === 'asc' || value === 'desc')) query.order = value;
    else if (name === 'headers' && (value === 'true' || value === 'false')) query.headers = value === 'true';
    else return null;
  }
  return query;
}
