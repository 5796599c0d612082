import { createResources, type GatewayResources, type GatewaySettings } from '../../src/gateway-resources';
import type { DovecotServer } from './dovecot';
import { dovecotConnectOptions } from './dovecot-client';

export type GatewayOverrides = Partial<Omit<GatewaySettings, 'pool' | 'upstream'>> & {
  pool?: Partial<GatewaySettings['pool']>;
  upstream?: Partial<GatewaySettings['upstream']>;
};

/** Gateway resources pointed at a test Dovecot (implicit TLS, its CA trusted). */
export function gatewayFor(dovecot: DovecotServer, overrides: GatewayOverrides = {}): GatewayResources {
  return createResources({
    upstream: { ...dovecotConnectOptions(dovecot, 5000, 100 * 1024 * 1024), ...overrides.upstream },
    auth: overrides.auth ?? 'auto',
    cacheTtlS: overrides.cacheTtlS ?? 30,
    redisUrl: overrides.redisUrl,
    pool: { maxPerMailbox: 2, maxTotal: 100, maxAgeMs: 30_000, idleMs: 60_000, ...overrides.pool },
  });
}
