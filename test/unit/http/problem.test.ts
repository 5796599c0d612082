import request from 'supertest';
import { ValidateError } from '@tsoa/runtime';
import pino from 'pino';
import { Writable } from 'node:stream';
import {
  MessageTooLargeError,
  Pop3ArgumentError,
  Pop3AuthError,
  Pop3ConnectionError,
  Pop3ProtocolError,
  Pop3ServerError,
  Pop3TimeoutError,
} from '../../../src/pop3/errors';
import {
  AttachmentNotFoundError,
  MessageNotFoundError,
  MessageOverLimitError,
} from '../../../src/services/errors';
import { SessionWaitTimeoutError } from '../../../src/pool/errors';
import { CredentialsRefusedError } from '../../../src/accounts/errors';
import { problemFor } from '../../../src/http/problems/problem';
import { AccountCredentialsRefusedError } from '../../../src/accounts/errors';
import { InvalidCursorError } from '../../../src/events/event-log';
import { appWithFake, DEMO_AUTH } from './app-harness';

const cases: [string, number, string, unknown, string | undefined][] = [
  ['MessageNotFoundError', 404, 'message_not_found', new MessageNotFoundError('uid-9'), undefined],
  ['AttachmentNotFoundError', 404, 'attachment_not_found', new AttachmentNotFoundError('uid-1', 4), undefined],
  ['MessageOverLimitError', 413, 'message_too_large', new MessageOverLimitError('uid-1', 200, 100), undefined],
  ['MessageTooLargeError', 413, 'message_too_large', new MessageTooLargeError(100), undefined],
  ['Pop3AuthError', 401, 'unauthorized', new Pop3AuthError('PASS', undefined, 'authentication failed'), undefined],
  ['-ERR [AUTH] to another command', 401, 'unauthorized', new Pop3ServerError('AUTH', 'AUTH', 'go away'), undefined],
  ['Pop3ProtocolError', 502, 'upstream_protocol_error', new Pop3ProtocolError('status line longer than 512 octets'), undefined],
  ['-ERR [SYS/PERM]', 502, 'upstream_protocol_error', new Pop3ServerError('STAT', 'SYS/PERM', 'mailbox corrupt'), undefined],
  ['an unexpected -ERR', 502, 'upstream_protocol_error', new Pop3ServerError('STAT', undefined, 'nope'), undefined],
  ['Pop3ConnectionError', 503, 'upstream_unavailable', new Pop3ConnectionError('connect ECONNREFUSED 127.0.0.1:995'), '5'],
  ['-ERR [SYS/TEMP]', 503, 'upstream_unavailable', new Pop3ServerError('STAT', 'SYS/TEMP', 'try later'), '5'],
  ['-ERR [IN-USE] at login', 503, 'upstream_unavailable', new Pop3AuthError('PASS', 'IN-USE', 'locked'), '5'],
  ['-ERR [LOGIN-DELAY]', 503, 'upstream_unavailable', new Pop3ServerError('PASS', 'LOGIN-DELAY', 'wait'), '60'],
  ['SessionWaitTimeoutError', 503, 'upstream_unavailable', new SessionWaitTimeoutError(7), '7'],
  ['SessionWaitTimeoutError after [IN-USE]', 503, 'upstream_unavailable', new SessionWaitTimeoutError(7, new Pop3ServerError('PASS', 'IN-USE', 'locked')), '7'],
  ['Pop3TimeoutError', 504, 'upstream_timeout', new Pop3TimeoutError('no reply to STAT within 30000 ms'), undefined],
  ['a bug', 500, 'internal_error', new TypeError("Cannot read properties of undefined (reading 'x')"), undefined],
  ['a thrown non-error', 500, 'internal_error', 'just a string', undefined],
];

describe('every failure becomes one application/problem+json answer', () => {
  test.each(cases)('%s → %i %s', async (_name, status, code, error, retryAfter) => {
    const { app, service } = appWithFake();
    service.failures.set('stat', error);
    const res = await request(app).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(status);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual({
      type: `https://popgate.dev/problems/${code}`,
      title: expect.any(String),
      status,
      detail: expect.any(String),
      code,
      ...(res.body.pop3 ? { pop3: res.body.pop3 } : {}),
    });
    expect(res.headers['retry-after']).toBe(retryAfter);
  });

  test("-ERR replies carry the server's response code and words in pop3", async () => {
    const { app, service } = appWithFake();
    service.failures.set('stat', new Pop3ServerError('STAT', 'SYS/TEMP', 'disk quota check in progress'));
    const res = await request(app).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(503);
    expect(res.body.pop3).toEqual({ respCode: 'SYS/TEMP', text: 'disk quota check in progress' });
  });

  test('an unknown failure is logged with its stack, and the body says nothing of it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }));
    const { app, service } = appWithFake({ logger });
    service.failures.set('stat', new Error('secret internal state 0xdeadbeef'));
    const res = await request(app).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(500);
    expect(res.text).not.toContain('0xdeadbeef');
    expect(lines.join('')).toContain('0xdeadbeef');
  });

  test('no log line carries the password', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }));
    const { app, service } = appWithFake({ logger });
    service.failures.set('stat', new Pop3ConnectionError('connect ECONNREFUSED'));
    await request(app).get('/mailbox/stat').set('Authorization', DEMO_AUTH).expect(503);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toMatch(/ZGVtbzpkZW1v|"password"/);
  });

  test('an unknown route is a 404 problem, not an HTML page', async () => {
    const { app } = appWithFake();
    const res = await request(app).get('/messages/uid-1/nothing-here').set('Authorization', DEMO_AUTH).expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  test('an undecodable percent-escape in the path is 400 invalid_request', async () => {
    const { app, service } = appWithFake();
    const res = await request(app).get('/messages/%E0%A4%A').set('Authorization', DEMO_AUTH).expect(400);
    expect(res.body.code).toBe('invalid_request');
    expect(res.body.detail).toBe("The path holds a percent-escape that is not valid UTF-8 (Failed to decode param '%E0%A4%A').");
    expect(service.calls).toEqual([]);
  });
});

describe('problemFor, the mapping itself', () => {
  test("a tsoa ValidateError names each offending field and explains the id's rule in words", () => {
    const answer = problemFor(
      new ValidateError({ limit: { message: 'max 1000', value: 5000 }, id: { message: "Not match in '^[\\x21-\\x7E]{1,70}$'", value: 'a b' } }, ''),
      { authScheme: 'Basic' },
    );
    expect(answer.problem.status).toBe(400);
    expect(answer.problem.detail).toContain('limit must be an integer from 1 to 1000; got "5000".');
    expect(answer.problem.detail).toContain('id must be a UIDL value: 1 to 70 printable ASCII characters');
  });

  test('an argument the client would not send says what was wrong with it, and who can fix it', () => {
    const options = { authScheme: 'Bearer' } as const;
    const credential = problemFor(new Pop3ArgumentError('PASS: no password given', 'credentials'), options);
    expect(credential).toMatchObject({ problem: { status: 401, code: 'unauthorized' }, challenge: 'Bearer' });
    expect(credential.problem.detail).toContain('PASS: no password given');

    const method = problemFor(new Pop3ArgumentError('APOP: the server greeting carries no APOP timestamp; use another method', 'login-method'), options);
    expect(method.problem).toMatchObject({ status: 502, code: 'upstream_protocol_error' });
    expect(method.problem.detail).toMatch(/no APOP timestamp.*POP3_AUTH/);

    const bug = problemFor(new Pop3ArgumentError('RETR: message number must be a positive integer'), options);
    expect(bug).toMatchObject({ problem: { status: 500, code: 'internal_error' }, severity: 'error' });
    expect(bug.problem.detail).toContain('RETR: message number must be a positive integer');
    for (const answer of [credential, method, bug]) expect(answer.problem.detail).not.toContain('CR, LF or NUL');
  });

  test('a malformed event cursor is 400 invalid_request naming after', () => {
    const answer = problemFor(new InvalidCursorError('yesterday'), { authScheme: 'Bearer' });
    expect(answer).toMatchObject({ problem: { status: 400, code: 'invalid_request' }, severity: 'none' });
    expect(answer.problem.detail).toMatch(/^after must be an event cursor .*got "yesterday"/);
  });

  test("a refused OAuth2 token keeps the server's -ERR words in pop3.text and the decoded challenge in pop3.challenge", () => {
    const challenge = { status: '400', schemes: 'Bearer', scope: 'https://mail.google.com/' };
    const answer = problemFor(new Pop3AuthError('AUTH', 'AUTH', 'Invalid credentials.', challenge), { authScheme: 'Bearer' });
    expect(answer.problem).toMatchObject({ status: 401, code: 'unauthorized', pop3: { respCode: 'AUTH', text: 'Invalid credentials.', challenge } });
    expect(answer.problem.detail).toMatch(/OAuth2 access token.*pop3\.challenge/);
    const withoutChallenge = problemFor(new Pop3AuthError('AUTH', undefined, 'Authentication failure: x'), { authScheme: 'Bearer' });
    expect(withoutChallenge.problem.pop3).toEqual({ respCode: null, text: 'Authentication failure: x' });
  });

  test.each([
    ['Gmail wants an app password', new Pop3AuthError('PASS', 'AUTH', 'Application-specific password required: https://support.google.com/accounts/answer/185833'), 401, /app password.*2-Step Verification.*OAuth2/],
    ['Gmail wants a web login', new Pop3AuthError('AUTH', 'AUTH', 'Web login required: https://support.google.com/mail/answer/78754'), 401, /https:\/\/accounts\.google\.com\/DisplayUnlockCaptcha/],
    [
      'Gmail has POP switched off',
      new Pop3ServerError('AUTH', 'SYS/PERM', 'Your account is not enabled for POP access. Please visit your Gmail settings page and enable your account for POP access.'),
      502,
      /Forwarding and POP\/IMAP/,
    ],
    ['Microsoft refused the token', new Pop3AuthError('AUTH', undefined, 'Authentication failure: unknown user name or bad password.'), 401, /POP\.AccessAsUser\.All.*PopEnabled/],
    ['Microsoft refused a password', new Pop3AuthError('PASS', undefined, 'Logon failure: unknown user name or bad password.'), 401, /basic authentication is switched off.*xoauth2/],
  ])('a provider hint says what to do when %s, and pop3.text keeps the server\'s words', (_case, error, status, detail) => {
    const answer = problemFor(error, { authScheme: 'Basic' });
    expect(answer.problem.status).toBe(status);
    expect(answer.problem.detail).toMatch(detail);
    expect(answer.problem.pop3?.text).toBe(error.text);
  });

  test('registering an account whose token or password is refused (422) gets the same challenge and hint', () => {
    const challenge = { status: '400', schemes: 'Bearer', scope: 'https://mail.google.com/' };
    const token = problemFor(new CredentialsRefusedError(new Pop3AuthError('AUTH', 'AUTH', 'Invalid credentials.', challenge)), { authScheme: 'Bearer' });
    expect(token.problem).toMatchObject({ status: 422, code: 'credentials_refused', pop3: { respCode: 'AUTH', text: 'Invalid credentials.', challenge } });
    const popOff = problemFor(new CredentialsRefusedError(new Pop3ServerError('AUTH', 'SYS/PERM', 'Your account is not enabled for POP access.')), { authScheme: 'Bearer' });
    expect(popOff.problem.detail).toMatch(/^The POP3 server refused these credentials, so nothing was stored\. POP is switched off/);
  });

  test('a refused login in single-mailbox mode challenges for a Bearer token', () => {
    const answer = problemFor(new Pop3AuthError('PASS', undefined, 'no'), { authScheme: 'Bearer' });
    expect(answer.challenge).toBe('Bearer');
  });

  test("a registered account's refused stored credentials: 409 with the server's words and no challenge", () => {
    const answer = problemFor(new AccountCredentialsRefusedError('support', new Pop3AuthError('PASS', 'AUTH', 'Invalid credentials')), { authScheme: 'Basic' });
    expect(answer.challenge).toBeUndefined();
    expect(answer.problem).toMatchObject({ status: 409, code: 'account_credentials_refused', pop3: { respCode: 'AUTH', text: 'Invalid credentials' } });
    expect(answer.problem.detail).toContain('PATCH /accounts/support');
  });

  test('upstream failures are logged as warnings, bugs as errors, caller mistakes not at all', () => {
    expect(problemFor(new Pop3TimeoutError('x'), { authScheme: 'Basic' }).severity).toBe('warn');
    expect(problemFor(new Error('x'), { authScheme: 'Basic' }).severity).toBe('error');
    expect(problemFor(new MessageNotFoundError('x'), { authScheme: 'Basic' }).severity).toBe('none');
  });
});
