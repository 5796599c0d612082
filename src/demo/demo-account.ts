import { randomBytes } from 'node:crypto';
import type { AccountRegistry } from '../accounts/account-registry';
import type { DemoServerHandle } from './pop3-server';

export const DEMO_ACCOUNT = 'demo';

/**
 * Demo mode registers the bundled mailbox as account `demo`, polled every 10 s (the least
 * allowed), so events appear soon after `npm start`. An account `demo` left by an earlier run
 * (with REDIS_URL) points at that run's port and goes first.
 */
export async function registerDemoAccount(registry: AccountRegistry, demo: DemoServerHandle): Promise<void> {
  if (await registry.find(DEMO_ACCOUNT)) await registry.delete(DEMO_ACCOUNT);
  await registry.create(
    {
      id: DEMO_ACCOUNT,
      name: 'Demo mailbox (bundled POP3 server)',
      pop3: { host: demo.server.host, port: demo.server.port, tls: 'implicit', user: demo.user, password: demo.password },
      poll: { intervalS: 10 },
    },
    true,
  );
}

/** An admin token (every scope) made for this run of demo mode only. */
export function demoAdminToken(): string {
  return `demo_${randomBytes(24).toString('base64url')}`;
}
