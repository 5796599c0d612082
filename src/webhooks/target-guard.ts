import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ForbiddenTargetError } from './errors';

/** An address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (dns.lookup with `all`: what a connection would use). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (hostname) =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

/**
 * Where a webhook may not point (SSRF): loopback, private (RFC 1918, fc00::/7), link-local,
 * unspecified, CGNAT, multicast, broadcast, documentation and benchmark ranges, and the IPv6
 * forms that embed an IPv4 address (NAT64, 6to4, Teredo). BlockList also matches IPv4-mapped
 * IPv6 addresses (::ffff:10.0.0.1) against the IPv4 ranges.
 */
const FORBIDDEN = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::', 96], // IPv4-compatible (deprecated)
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 32],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  FORBIDDEN.addSubnet(network, prefix, 'ipv6');
}

/** Whether webhooks may not reach this IP address. */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return FORBIDDEN.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Checks a webhook's host before it is stored and again before every delivery: it resolves the
 * host and refuses it if ANY address is forbidden. The caller then connects to exactly the
 * addresses returned, so DNS cannot switch between the check and the connection.
 */
export class TargetGuard {
  constructor(
    /** WEBHOOK_ALLOW_PRIVATE */
    readonly allowPrivate: boolean,
    private readonly resolver: HostResolver = systemResolver,
  ) {}

  /**
   * The addresses to connect to; null when private targets are allowed (the connection then
   * resolves as usual).
   * @throws ForbiddenTargetError for a forbidden address or a host that does not resolve
   */
  async check(hostname: string): Promise<ResolvedAddress[] | null> {
    if (this.allowPrivate) return null;
    const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
    const literal = isIP(host);
    let addresses: ResolvedAddress[];
    if (literal !== 0) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
    else {
      try {
        addresses = await this.resolver(host);
      } catch (err) {
        throw new ForbiddenTargetError(`url: the host ${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
      if (addresses.length === 0) throw new ForbiddenTargetError(`url: the host ${host} does not resolve`);
    }
    const forbidden = addresses.find(({ address }) => isForbiddenAddress(address));
    if (forbidden) {
      const via = literal === 0 ? ` (${host} resolves to ${forbidden.address})` : '';
      throw new ForbiddenTargetError(
        `url: webhooks may not target loopback, private, link-local or other internal addresses${via}; set WEBHOOK_ALLOW_PRIVATE=true to allow them`,
      );
    }
    return addresses;
  }
}
