/**
 * This machine's names and addresses, as `os` reports them: what a
 * self-signed certificate must name so that a browser accepts it at any of
 * them, and the addresses another machine on the network can reach.
 *
 * @example
 *   machineNames(); // { dnsNames: ['localhost', 'till-2', 'till-2.local'], ipAddresses: ['127.0.0.1', '::1', '192.168.1.20'] }
 */
import { isIP } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';

export type MachineNames = { dnsNames: string[]; ipAddresses: string[] };

const unique = (items: string[]) => [...new Set(items)];

/**
 * The addresses of the network interfaces other than loopback, IPv4 first.
 * IPv6 link-local ones (`fe80::…`) are among them, though no browser opens
 * an address that needs a zone (`%eth0`).
 */
export function networkAddresses(): string[] {
  const found = Object.values(networkInterfaces()).flatMap((addresses) => (addresses ?? []).filter((address) => !address.internal));
  const ipv4 = found.filter((address) => address.family === 'IPv4').map((address) => address.address);
  const ipv6 = found.filter((address) => address.family === 'IPv6').map((address) => address.address);
  return unique([...ipv4, ...ipv6]);
}

/**
 * Every name and address this machine answers to: `localhost` and the
 * loopback addresses, its host name and `<name>.local` (the name mDNS
 * announces on macOS and most Linux desktops), and {@link networkAddresses}.
 */
export function machineNames(): MachineNames {
  const host = hostname().toLowerCase();
  const short = host.split('.')[0] ?? '';
  const names = ['localhost', host, short && `${short}.local`].filter((name) => name !== '' && isIP(name) === 0);
  return { dnsNames: unique(names), ipAddresses: unique(['127.0.0.1', '::1', ...networkAddresses()]) };
}

/** Whether an address or name reaches only this machine (`127.x.x.x`, `::1`, `localhost`). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare.endsWith('.localhost') || bare === '::1' || /^(::ffff:)?127\./.test(bare);
}
