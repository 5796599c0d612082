/**
 * Shared by the HTTP integration suites: credentials of the test Dovecot's users, a
 * supertest parser that keeps bodies as bytes, and a POP3 session of our own to check
 * what the maildrop holds without going through the gateway.
 */
import type { Response } from 'supertest';
import { Pop3Client } from '../../../src/pop3/client';
import type { MessageList } from '../../../src/models/message';
import type { ProblemJson } from '../../../src/models/problem';
import { loggedInClient } from '../../support/dovecot-client';
import type { DovecotServer } from '../../support/dovecot';
import { basic } from '../../support/basic-auth';

export { bodyBytes, bytes } from '../../support/streams';

export const ALICE = { user: 'alice', password: 'alice-secret' };
export const BOB = { user: 'bob', password: 'bob-secret' };
export const asAlice = basic(ALICE.user, ALICE.password);
export const asBob = basic(BOB.user, BOB.password);

/** The body of a supertest response as a listing page. */
export function listingOf(res: Response): MessageList {
  return res.body as MessageList;
}

/** Asserts an RFC 9457 answer with its error code (README.md's table of errors) and returns it. */
export function expectProblem(res: Response, status: number, code: string): ProblemJson {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({ status, type: expect.stringMatching(/^application\/problem\+json/) });
  const problem = JSON.parse(res.text) as ProblemJson;
  expect(problem).toMatchObject({ status, code, type: `https://popgate.dev/problems/${code}` });
  expect(typeof problem.title).toBe('string');
  expect(typeof problem.detail).toBe('string');
  return problem;
}

/** A POP3 session of our own on the same maildrop: "another client", or a witness of what the server holds. */
export function ownPop3Session(dovecot: DovecotServer, credentials = ALICE): Promise<Pop3Client> {
  return loggedInClient(dovecot, credentials);
}

/** The UIDL values the server lists right now, seen by a session of our own (then QUIT). */
export async function uidsOnServer(dovecot: DovecotServer, credentials = ALICE): Promise<string[]> {
  const client = await ownPop3Session(dovecot, credentials);
  try {
    return (await client.uidl()).map((entry) => entry.uid);
  } finally {
    await client.quit();
  }
}

/** The value of RFC 8187 `filename*=UTF-8''…` in a Content-Disposition header, decoded. */
export function extendedFilename(contentDisposition: string | undefined): string | null {
  const match = /filename\*=UTF-8''([^;\s]+)/i.exec(contentDisposition ?? '');
  return match?.[1] === undefined ? null : decodeURIComponent(match[1]);
}
