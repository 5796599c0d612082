/**
 * The TypeScript client (clients/typescript) against a running gateway (the real app on a
 * loopback port, over a private Dovecot): every operation in the committed spec, its typed
 * result, and errors surfacing as PopgateError / UnexpectedResponseError.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import {
  createPopgateClient,
  PopgateError,
  UnexpectedResponseError,
  type Account,
  type AccountList,
  type CreatedToken,
  type EventList,
  type StreamedEvent,
  type CreatedWebhook,
  type DeliveryList,
  type TokenList,
  type WebhookList,
  type MailboxCapabilities,
  type MailboxStat,
  type MessageHeaders,
  type MessageList,
  type ParsedMessage,
  type PopgateClient,
} from '../../../clients/typescript/src';
import { resolveOAuthClient } from '../../../src/oauth/profiles';
import { startDovecot, type DovecotServer } from '../../support/dovecot';
import { FakeOAuthServer } from '../../support/fake-oauth-server';
import { readMailGem } from '../../support/fixtures';
import { httpAppFor, listening, type HttpApp } from '../../support/http-app';
import { asRetrievedFromDovecot, sha256, simpleMessage } from '../../support/messages';
import { waitFor } from '../../support/waiting';
import { startReceiver, type WebhookReceiver } from '../../support/webhook-receiver';
import { ALICE, uidsOnServer } from '../http/helpers';
import { deleted, received } from '../../support/events';

const SPEC = JSON.parse(readFileSync(path.join(__dirname, '../../../openapi/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string }>>;
};
const TOKEN = 'client-test-token';
const ADMIN = 'client-test-admin-token';

/** Bytes of a Blob, for comparing with what Dovecot stored. */
async function bytesOf(blob: Blob): Promise<Buffer> {
  return Buffer.from(await blob.arrayBuffer());
}

/** The PopgateError a call rejects with (fails the test if it resolves or throws anything else). */
async function problemOf(call: Promise<unknown>): Promise<PopgateError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PopgateError);
  return err as PopgateError;
}

describe('the TypeScript client against a running gateway', () => {
  let dovecot: DovecotServer;
  let multi: HttpApp;
  let single: HttpApp;
  let multiServer: Awaited<ReturnType<typeof listening>>;
  let singleServer: Awaited<ReturnType<typeof listening>>;
  let client: PopgateClient;
  /** The accounts API's client: an admin token. */
  let admin: PopgateClient;
  /** The id of the token CreateToken made, for ListTokens and RevokeToken. */
  let tokenId = '';
  /** The webhook CreateWebhook made, for the webhook operations after it. */
  let webhook: CreatedWebhook;
  let testEventId = '';
  let receiver: WebhookReceiver;
  let retrieved: Buffer[];
  let ids: string[];
  /** The authorization server of the consent operations. */
  let oauth: FakeOAuthServer;
  /** Where StartConsent's link leads the browser back to (FinishConsent's query). */
  let consentReturn: URL | undefined;

  beforeAll(async () => {
    dovecot = await startDovecot();
    receiver = await startReceiver();
    await dovecot.deliver('alice', simpleMessage({ subject: 'first', body: 'The first message.' }));
    await dovecot.deliver('alice', readMailGem('attachment_emails_attachment_pdf.eml'));
    await dovecot.deliver('alice', simpleMessage({ subject: 'to delete' }));
    retrieved = (await dovecot.storedMessages('alice')).map(asRetrievedFromDovecot);
    ids = await uidsOnServer(dovecot);
    oauth = await FakeOAuthServer.start();
    const redirectUrl = 'https://popgate.example.com/oauth2/callback';
    const gmail = { ...resolveOAuthClient({ provider: 'gmail', clientId: oauth.clientId, clientSecret: oauth.clientSecret, refreshToken: 'from-consent' }), tokenUrl: oauth.tokenUrl, authorizationUrl: oauth.authorizationUrl };
    multi = httpAppFor(dovecot, {
      timeoutMs: 5000,
      accounts: {
        secret: randomBytes(32),
        adminTokens: [ADMIN],
        oauth: {
          fetch: oauth.fetch,
          apps: { gmail: { clientId: oauth.clientId, clientSecret: oauth.clientSecret, tenant: 'common' }, outlook: null, redirectUrl },
          onboarding: { redirectUrl, apps: { gmail: { client: gmail } } },
        },
      },
    });
    single = httpAppFor(dovecot, { timeoutMs: 5000, callerAuth: { mode: 'single', credentials: ALICE, apiTokens: [TOKEN] } });
    [multiServer, singleServer] = await Promise.all([listening(multi.app), listening(single.app)]);
    client = createPopgateClient({ baseUrl: `http://127.0.0.1:${multiServer.port}`, auth: { username: ALICE.user, password: ALICE.password } });
    admin = createPopgateClient({ baseUrl: `http://127.0.0.1:${multiServer.port}`, auth: { token: ADMIN } });
  });

  afterAll(async () => {
    await Promise.all([multiServer?.close(), singleServer?.close()]);
    await Promise.all([multi?.close(), single?.close()]);
    await dovecot?.close();
    await oauth?.close();
    await receiver?.close();
  });

  /** Each operation of the spec, called through the client; the test below checks none is missing. */
  const calls: Record<string, () => Promise<void>> = {
    GetStat: async () => {
      const stat: MailboxStat = await client.stat({ headers: { 'Cache-Control': 'no-cache' } });
      expect(stat).toEqual({ count: 3, size: retrieved.reduce((sum, message) => sum + message.length, 0), snapshotAt: expect.any(String) });
    },
    GetCapabilities: async () => {
      const caps: MailboxCapabilities = await client.capabilities();
      expect(caps.stableIds).toBe(true);
      expect(caps.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(caps.capabilities).toMatchObject({ UIDL: [], TOP: [] });
    },
    ListMessages: async () => {
      const page: MessageList = await client.listMessages({ order: 'asc', limit: 2, headers: true });
      expect(page).toMatchObject({ total: 3, offset: 0, limit: 2 });
      expect(page.items.map((item) => item.id)).toEqual(ids.slice(0, 2));
      expect(page.items[0]?.headers?.subject).toBe('first');
      expect((await client.listMessages()).items.map((item) => item.id)).toEqual([...ids].reverse());
    },
    GetMessage: async () => {
      const message: ParsedMessage = await client.getMessage(ids[0]!);
      expect(message).toMatchObject({ id: ids[0], number: 1, subject: 'first', attachments: [] });
      expect(message.text).toContain('The first message.');
    },
    GetMessageHeaders: async () => {
      const headers: MessageHeaders = await client.getMessageHeaders(ids[0]!);
      expect(headers.headers.subject).toEqual(['first']);
      expect(headers.raw).toMatch(/^From: /);
    },
    GetRawMessage: async () => {
      const raw = await client.getRawMessage(ids[1]!);
      expect(raw.type).toBe('message/rfc822');
      expect((await bytesOf(raw)).equals(retrieved[1]!)).toBe(true);
    },
    GetAttachment: async () => {
      const expected = (await simpleParser(retrieved[1]!)).attachments[0]!;
      const [listed] = (await client.getMessage(ids[1]!)).attachments;
      const attachment = await client.getAttachment(ids[1]!, listed!.index);
      expect(attachment.type).toBe(expected.contentType);
      expect(sha256(await bytesOf(attachment))).toBe(listed!.sha256);
      expect((await bytesOf(attachment)).equals(expected.content)).toBe(true);
    },
    CreateAccount: async () => {
      const account: Account = await admin.createAccount({ id: 'alice-inbox', pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: ALICE.user, password: ALICE.password } });
      expect(account).toMatchObject({ id: 'alice-inbox', pop3: { user: ALICE.user, tls: 'implicit' }, state: { status: 'new' } });
      expect(JSON.stringify(account)).not.toContain(ALICE.password);
      const refused = await problemOf(admin.createAccount({ id: 'typo', pop3: { host: dovecot.host, port: dovecot.pop3sPort, user: ALICE.user, password: 'wrong' } }));
      expect(refused).toMatchObject({ status: 422, code: 'credentials_refused' });
    },
    ListAccounts: async () => {
      const list: AccountList = await admin.listAccounts({ limit: 10 });
      expect(list.items.map((account) => account.id)).toContain('alice-inbox');
    },
    GetAccount: async () => {
      const account: Account = await admin.getAccount('alice-inbox');
      expect(account.pop3.user).toBe(ALICE.user);
      expect(await problemOf(client.getAccount('alice-inbox'))).toMatchObject({ status: 401, code: 'unauthorized' });
    },
    UpdateAccount: async () => {
      const account: Account = await admin.updateAccount('alice-inbox', { name: 'Alice', poll: { intervalS: 120 } });
      expect(account).toMatchObject({ name: 'Alice', poll: { intervalS: 120 } });
    },
    ListEvents: async () => {
      const recorded = await multi.resources.eventLog.append([received('alice-inbox', 'e1'), deleted('alice-inbox', 'e0')]);
      const page: EventList = await admin.listEvents({ account: 'alice-inbox', limit: 10 });
      expect(page).toEqual({ items: recorded, next: recorded[1]!.cursor, reset: false });
      expect((await admin.listEvents({ account: 'alice-inbox', type: ['message.deleted'] })).items).toEqual([recorded[1]]);
      expect(await problemOf(admin.listEvents({ after: 'nonsense' }))).toMatchObject({ status: 400, code: 'invalid_request' });
    },
    StreamEvents: async () => {
      const [first, second] = await multi.resources.eventLog.append([received('alice-inbox', 's1'), received('alice-inbox', 's2')]);
      const stop = new AbortController();
      const frames = await admin.streamEvents({ account: 'alice-inbox', lastEventId: first!.cursor }, { signal: stop.signal });
      const backlog = await frames.next();
      expect(backlog.value).toEqual<StreamedEvent>({ kind: 'event', event: second! });
      const [third] = await multi.resources.eventLog.append([deleted('alice-inbox', 's1')]);
      expect((await frames.next()).value).toEqual<StreamedEvent>({ kind: 'event', event: third! });
      await frames.return(undefined);
      stop.abort();
    },
    // The mailbox operations again, on the registered account (before DeleteAccount removes it).
    AccountGetStat: async () => {
      expect(await admin.account('alice-inbox').stat({ headers: { 'Cache-Control': 'no-cache' } })).toMatchObject({ count: 3 });
    },
    AccountGetCapabilities: async () => {
      expect((await admin.account('alice-inbox').capabilities()).stableIds).toBe(true);
    },
    AccountListMessages: async () => {
      expect((await admin.account('alice-inbox').listMessages({ order: 'asc' })).items.map((item) => item.id)).toEqual(ids);
    },
    AccountGetMessage: async () => {
      expect(await admin.account('alice-inbox').getMessage(ids[0]!)).toMatchObject({ id: ids[0], subject: 'first' });
    },
    AccountGetMessageHeaders: async () => {
      expect((await admin.account('alice-inbox').getMessageHeaders(ids[0]!)).headers.subject).toEqual(['first']);
    },
    AccountGetRawMessage: async () => {
      expect((await bytesOf(await admin.account('alice-inbox').getRawMessage(ids[1]!))).equals(retrieved[1]!)).toBe(true);
    },
    AccountGetAttachment: async () => {
      const [listed] = (await admin.account('alice-inbox').getMessage(ids[1]!)).attachments;
      expect(sha256(await bytesOf(await admin.account('alice-inbox').getAttachment(ids[1]!, listed!.index)))).toBe(listed!.sha256);
    },
    AccountDeleteMessage: async () => {
      // An id the mailbox does not hold: the top-level 404, and the maildrop untouched.
      expect(await problemOf(admin.account('alice-inbox').deleteMessage('no-such-uid'))).toMatchObject({ status: 404, code: 'message_not_found' });
      expect(await problemOf(admin.account('nobody').stat())).toMatchObject({ status: 404, code: 'account_not_found' });
    },
    AccountHeadMessage: async () => {
      const { response } = await admin.api.HEAD('/accounts/{account}/messages/{id}', { params: { path: { account: 'alice-inbox', id: ids[0]! } } });
      expect(response.status).toBe(200);
    },
    AccountHeadRawMessage: async () => {
      const { response } = await admin.api.HEAD('/accounts/{account}/messages/{id}/raw', { params: { path: { account: 'alice-inbox', id: ids[1]! } } });
      expect(response.headers.get('content-type')).toBe('message/rfc822');
    },
    AccountHeadMessageHeaders: async () => {
      const { response } = await admin.api.HEAD('/accounts/{account}/messages/{id}/headers', { params: { path: { account: 'alice-inbox', id: 'no-such-id' } } });
      expect(response.status).toBe(404);
    },
    CreateToken: async () => {
      const created: CreatedToken = await admin.createToken({ account: 'alice-inbox', scopes: ['messages:read'], description: 'client test' });
      expect(created.token).toMatch(/^pgt_/);
      const bound = createPopgateClient({ baseUrl: `http://127.0.0.1:${multiServer.port}`, auth: { token: created.token } });
      expect(await bound.account('alice-inbox').stat()).toMatchObject({ count: 3 });
      tokenId = created.id;
    },
    ListTokens: async () => {
      const list: TokenList = await admin.listTokens();
      expect(list.items.map((token) => token.id)).toContain(tokenId);
      expect(JSON.stringify(list)).not.toContain('pgt_');
    },
    RevokeToken: async () => {
      await expect(admin.revokeToken(tokenId)).resolves.toBeUndefined();
      expect(await problemOf(admin.revokeToken(tokenId))).toMatchObject({ status: 404, code: 'token_not_found' });
    },
    StartConsent: async () => {
      await admin.createAccount({ id: 'gmail-owner', pop3: { host: dovecot.host, user: 'owner@gmail.example', oauth2: { provider: 'gmail', tokenUrl: oauth.tokenUrl } } }, false);
      const link = await admin.consentLink('gmail', 'gmail-owner');
      expect(link.url.startsWith(`${oauth.authorizationUrl}?`)).toBe(true);
      // What the owner's browser does: the provider consents and sends it back with a code.
      const consented = await oauth.fetch(link.url, { method: 'GET', headers: {}, body: undefined, redirect: 'manual' });
      consentReturn = new URL(consented.headers.get('location')!);
    },
    FinishConsent: async () => {
      const { state, code } = Object.fromEntries(consentReturn!.searchParams);
      const account: Account = await admin.finishConsent({ state, code });
      expect(account.pop3.oauth2).toMatchObject({ provider: 'gmail', authorized: true });
      expect(await problemOf(admin.finishConsent({ state, code }))).toMatchObject({ status: 400, code: 'invalid_request' });
    },
    CreateWebhook: async () => {
      webhook = await admin.createWebhook({ url: receiver.url, account: 'alice-inbox', events: ['message.received'], description: 'client test' });
      expect(webhook).toMatchObject({ url: receiver.url, account: 'alice-inbox', events: ['message.received'], enabled: true });
      expect(webhook.secret).toMatch(/^whsec_/);
    },
    ListWebhooks: async () => {
      const list: WebhookList = await admin.listWebhooks({ limit: 10 });
      expect(list.items.map((item) => item.id)).toContain(webhook.id);
      expect(JSON.stringify(list)).not.toContain('whsec_');
    },
    GetWebhook: async () => {
      expect(await admin.getWebhook(webhook.id)).toMatchObject({ id: webhook.id, description: 'client test' });
    },
    UpdateWebhook: async () => {
      expect(await admin.updateWebhook(webhook.id, { description: 'changed' })).toMatchObject({ id: webhook.id, description: 'changed' });
    },
    TestWebhook: async () => {
      testEventId = (await admin.testWebhook(webhook.id)).eventId;
      await waitFor(() => receiver.of(testEventId).length === 1, { timeoutMs: 10_000, what: 'the test event' });
      expect(receiver.verify(receiver.of(testEventId)[0]!, webhook.secret)).toMatchObject({ id: testEventId, type: 'webhook.test' });
    },
    ListDeliveries: async () => {
      await waitFor(async () => (await admin.listDeliveries(webhook.id)).items.length === 1, { timeoutMs: 10_000, what: 'the logged attempt' });
      const log: DeliveryList = await admin.listDeliveries(webhook.id, 10);
      expect(log.items).toEqual([{ eventId: testEventId, attempt: 1, at: expect.any(String), status: 200, durationMs: expect.any(Number) }]);
    },
    DeleteWebhook: async () => {
      await expect(admin.deleteWebhook(webhook.id)).resolves.toBeUndefined();
      expect(await problemOf(admin.getWebhook(webhook.id))).toMatchObject({ status: 404, code: 'webhook_not_found' });
    },
    DeleteAccount: async () => {
      await expect(admin.deleteAccount('alice-inbox')).resolves.toBeUndefined();
      expect(await problemOf(admin.getAccount('alice-inbox'))).toMatchObject({ status: 404, code: 'account_not_found' });
    },
    // HEAD through the typed `api`: the GET's status and ETag, no body.
    HeadMessage: async () => {
      const { response } = await client.api.HEAD('/messages/{id}', { params: { path: { id: ids[0]! } } });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toMatch(/^"/);
    },
    HeadRawMessage: async () => {
      const { response } = await client.api.HEAD('/messages/{id}/raw', { params: { path: { id: ids[1]! } } });
      expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({ status: 200, type: 'message/rfc822' });
    },
    HeadMessageHeaders: async () => {
      const { response } = await client.api.HEAD('/messages/{id}/headers', { params: { path: { id: 'no-such-id' } } });
      expect(response.status).toBe(404);
    },
    DeleteMessage: async () => {
      await expect(client.deleteMessage(ids[2]!)).resolves.toBeUndefined();
      const gone = await problemOf(client.getMessage(ids[2]!));
      expect(gone).toMatchObject({ status: 404, code: 'message_not_found' });
      expect(await uidsOnServer(dovecot)).toEqual(ids.slice(0, 2));
    },
  };

  it('covers every operation of the committed spec', () => {
    const operations = Object.values(SPEC.paths).flatMap((item) => Object.values(item).map((operation) => operation.operationId));
    expect(Object.keys(calls).sort()).toEqual([...operations].sort());
  });

  // In this order: DeleteMessage changes the maildrop, so it runs last.
  it.each(Object.keys(calls))('%s returns the typed body', async (operationId) => {
    await calls[operationId]!();
  });

  describe('errors', () => {
    it('a wrong password is a PopgateError 401 unauthorized, with the headers of the response', async () => {
      const wrong = createPopgateClient({ baseUrl: `http://127.0.0.1:${multiServer.port}`, auth: { username: ALICE.user, password: 'wrong' } });
      const err = await problemOf(wrong.stat());
      expect(err).toMatchObject({ name: 'PopgateError', status: 401, code: 'unauthorized', title: 'Unauthorized' });
      expect(err.problem).toMatchObject({ type: 'https://popgate.dev/problems/unauthorized', status: 401, code: 'unauthorized' });
      expect(err.detail).toEqual(expect.any(String));
      expect(err.response.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(err.message).toBe(`401 unauthorized: ${err.detail}`);
    });

    it('an out-of-range query value is a PopgateError 400 invalid_request', async () => {
      const err = await problemOf(client.listMessages({ limit: 5000 }));
      expect(err).toMatchObject({ status: 400, code: 'invalid_request' });
      expect(err.detail).toMatch(/limit/);
    });

    it('an id that is not a UIDL value is a PopgateError 400', async () => {
      const err = await problemOf(client.getMessageHeaders('x'.repeat(71)));
      expect(err).toMatchObject({ status: 400, code: 'invalid_request' });
    });

    it('sends an id URL-encoded, so "/", "?" and "#" reach the gateway as part of it', async () => {
      const err = await problemOf(client.getMessage('a/b?c#d'));
      expect(err).toMatchObject({ status: 404, code: 'message_not_found' });
      expect(err.detail).toContain('a/b?c#d');
    });

    it('an unknown id and a missing attachment are PopgateError 404s with their own codes', async () => {
      expect(await problemOf(client.getRawMessage('no-such-id'))).toMatchObject({ status: 404, code: 'message_not_found' });
      expect(await problemOf(client.getAttachment(ids[1]!, 99))).toMatchObject({ status: 404, code: 'attachment_not_found' });
    });

    it('an answer that is not problem+json (not the gateway) is an UnexpectedResponseError', async () => {
      const proxy = http.createServer((_req, res) => res.writeHead(502, { 'Content-Type': 'text/html' }).end('<h1>Bad Gateway</h1>'));
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', () => resolve()));
      try {
        const viaProxy = createPopgateClient({ baseUrl: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, auth: { token: TOKEN } });
        const err = await viaProxy.stat().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(UnexpectedResponseError);
        expect(err).toMatchObject({ status: 502, body: '<h1>Bad Gateway</h1>' });
      } finally {
        await new Promise<void>((resolve) => proxy.close(() => resolve()));
      }
    });
  });

  describe('Bearer (single-mailbox mode)', () => {
    it('answers with an API token', async () => {
      const bearer = createPopgateClient({ baseUrl: `http://127.0.0.1:${singleServer.port}`, auth: { token: TOKEN } });
      expect((await bearer.stat()).count).toBeGreaterThanOrEqual(2);
    });

    it('a wrong token is a PopgateError 401 with a Bearer challenge', async () => {
      const bearer = createPopgateClient({ baseUrl: `http://127.0.0.1:${singleServer.port}`, auth: { token: 'not-a-token' } });
      const err = await problemOf(bearer.capabilities());
      expect(err).toMatchObject({ status: 401, code: 'unauthorized' });
      expect(err.response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    });
  });

  it('api: the openapi-fetch client underneath, with the credentials, streams and answers { data, error }', async () => {
    const streamed = await client.api.GET('/messages/{id}/raw', { params: { path: { id: ids[0]! } }, parseAs: 'stream' });
    const chunks: Buffer[] = [];
    for await (const chunk of streamed.data!) chunks.push(Buffer.from(chunk));
    expect(Buffer.concat(chunks).equals(retrieved[0]!)).toBe(true);

    const missing = await client.api.GET('/messages/{id}', { params: { path: { id: 'no-such-id' } } });
    expect(missing.data).toBeUndefined();
    expect(missing.error).toMatchObject({ status: 404, code: 'message_not_found' });
  });

  it('refuses a Basic user name with a colon before sending anything', () => {
    expect(() => createPopgateClient({ baseUrl: 'http://127.0.0.1:9', auth: { username: 'a:b', password: 'pw' } })).toThrow(TypeError);
  });
});
