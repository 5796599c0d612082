import type { Express } from 'express';
import { type AppDeps, createApp } from '../../../src/app';
import { FakeMailboxService } from './fake-mailbox-service';

export const DEMO_CREDENTIALS = { user: 'demo', password: 'demo' };

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

export const DEMO_AUTH = basic(DEMO_CREDENTIALS.user, DEMO_CREDENTIALS.password);

/** A multi-mailbox app over a fresh fake service, unless the test says otherwise. */
export function appWithFake(overrides: Partial<AppDeps> = {}): { app: Express; service: FakeMailboxService } {
  const service = overrides.service instanceof FakeMailboxService ? overrides.service : new FakeMailboxService();
  const app = createApp({
    service,
    auth: { mode: 'multi' },
    authFailureLimit: 10,
    readiness: async () => ({ ok: true, checks: { upstream: 'ok', redis: 'disabled' } }),
    ...overrides,
  });
  return { app, service };
}
