import type { Express } from 'express';
import type { RequestListener, Server } from 'node:http';
import { type AppDeps, createGateway } from '../../../src/app';
import { basic } from '../../support/basic-auth';
import { FakeMailboxService } from './fake-mailbox-service';

export const DEMO_CREDENTIALS = { user: 'demo', password: 'demo' };

export const DEMO_AUTH = basic(DEMO_CREDENTIALS.user, DEMO_CREDENTIALS.password);

/**
 * A multi-mailbox gateway over a fresh fake service, unless the test says otherwise: `app`
 * is the express app alone, `listener` what the server serves (fast lane, then `app`),
 * `createServer` a server for it as popgate builds one.
 */
export function appWithFake(overrides: Partial<AppDeps> = {}): { app: Express; listener: RequestListener; createServer: () => Server; service: FakeMailboxService } {
  const service = overrides.service instanceof FakeMailboxService ? overrides.service : new FakeMailboxService();
  const { app, listener, createServer } = createGateway({
    service,
    auth: { mode: 'multi' },
    authFailureLimit: 10,
    readiness: async () => ({ ok: true, checks: { upstream: 'ok', redis: 'disabled' } }),
    ...overrides,
  });
  return { app, listener, createServer, service };
}
