import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must never reach unless private destinations are
 * allowed: loopback, private, link-local (cloud metadata), carrier-grade
 * NAT, multicast and reserved ranges, in IPv4 and IPv6.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b:1::', 48], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const)
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped or NAT64 IPv6 address (`::ffff:7f00:1` is 127.0.0.1), if there is one. */
const embeddedIpv4 = (address: string): string | undefined => {
  const lower = address.toLowerCase();
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/.exec(lower);
  if (!match) return undefined;
  if (match[1]) return match[1];
  const high = parseInt(match[2], 16);
  const low = parseInt(match[3], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
};

/** True for an IP address a webhook may be delivered to from the public internet's point of view. */
export const isPublicAddress = (address: string): boolean => {
  const family = isIP(address);
  if (family === 4) return !NOT_PUBLIC.check(address, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return isPublicAddress(v4);
    return !NOT_PUBLIC.check(address, 'ipv6');
  }
  return false;
};

export type UrlVerdict = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly reason: string };

/** Host names that always mean this machine, whatever DNS says. */
const LOCAL_NAMES = /(^|\.)(localhost|localhost\.localdomain)\.?$/i;

/**
 * What can be told from the URL alone: http or https, a host, no
 * credentials, and (unless private destinations are allowed) no literal
 * private address or local name. Names are resolved and checked again at
 * each delivery.
 */
export const checkWebhookUrl = (raw: string, allowPrivate: boolean): UrlVerdict => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'must be an absolute http or https URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'must use http or https' };
  if (!url.hostname) return { ok: false, reason: 'must name a host' };
  if (url.username || url.password) return { ok: false, reason: 'must not carry credentials' };
  if (allowPrivate) return { ok: true, url };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !isPublicAddress(host)) return { ok: false, reason: `must not point to a loopback, private or link-local address (${host})` };
  if (LOCAL_NAMES.test(host)) return { ok: false, reason: `must not point to this machine (${host})` };
  return { ok: true, url };
};
