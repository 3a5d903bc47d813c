/**
 * Where a kiosk on another machine opens Rollcall: the addresses printed at
 * start and shown on the admin app's Kiosks page, and, when the certificate
 * is self-signed, its fingerprints, for a person to compare with what the
 * kiosk's browser shows before trusting it.
 *
 * Worked out once, when the server listens, from the addresses the machine
 * had then: the ones a self-signed certificate made at that start names.
 *
 * @example
 *   const address = createServerAddress(listen, config.publicOrigins);
 *   address.bind(await startServer(app, listen));
 *   address.kiosk(); // { kioskUrls: ['https://192.168.1.20:3000/kiosk'], certificate: { sha256: '19:6E:…', spkiSha256: '…=' }, reachableFromOtherMachines: true }
 */
import { createHash, type X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { isLoopback, networkAddresses } from './machine-names.js';
import type { ListenOptions, RunningServer } from './start-server.js';

export type CertificateFingerprints = {
  /** SHA-256 of the certificate, colon-separated hex, as certificate viewers show it. */
  sha256: string;
  /** Base64 SHA-256 of its public key (SPKI), as Chromium's `--ignore-certificate-errors-spki-list` takes it. */
  spkiSha256: string;
};

export type KioskAddress = {
  /** What to open on another machine; empty when none can reach this server. */
  kioskUrls: string[];
  /** Null unless the server speaks HTTPS with a self-signed certificate (a CA's needs no comparing). */
  certificate: CertificateFingerprints | null;
  reachableFromOtherMachines: boolean;
};

export type ServerAddress = {
  /** Called once the server listens, when its port and certificate are known. */
  bind(server: Pick<RunningServer, 'url' | 'certificate'>): void;
  kiosk(): KioskAddress;
};

export function certificateFingerprints(certificate: X509Certificate): CertificateFingerprints {
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' });
  return { sha256: certificate.fingerprint256, spkiSha256: createHash('sha256').update(spki).digest('base64') };
}

/** Signed with its own key: what a browser refuses until a person trusts it. */
export function isSelfSigned(certificate: X509Certificate): boolean {
  return certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey);
}

const isLinkLocal = (address: string) => /^fe[89ab]/i.test(address);

/**
 * The kiosk addresses for a server listening on `host`: every address a
 * public origin (a proxy) or the listening socket makes reachable from
 * another machine. `0.0.0.0` listens on IPv4 only; `::` on both, but IPv6
 * addresses are offered only without any IPv4 one, as they are long to type
 * and often temporary.
 */
export function kioskUrlsFor(options: { host: string; port: number; secure: boolean; publicOrigins: readonly string[]; networkAddresses: readonly string[] }): string[] {
  const { host, port, publicOrigins } = options;
  const scheme = options.secure ? 'https' : 'http';
  const ipv4 = options.networkAddresses.filter((address) => isIP(address) === 4);
  const ipv6 = options.networkAddresses.filter((address) => isIP(address) === 6 && !isLinkLocal(address));
  let direct: string[];
  if (isLoopback(host)) direct = [];
  else if (host === '0.0.0.0') direct = ipv4;
  else if (host === '::') direct = ipv4.length > 0 ? ipv4 : ipv6;
  else direct = [host];
  const at = (address: string) => `${scheme}://${isIP(address) === 6 ? `[${address}]` : address}:${port}/kiosk`;
  return [...publicOrigins.map((origin) => `${origin}/kiosk`), ...direct.map(at)];
}

export function createServerAddress(listen: Pick<ListenOptions, 'host'>, publicOrigins: readonly string[]): ServerAddress {
  let kiosk: KioskAddress | undefined;
  return {
    bind(server) {
      const url = new URL(server.url);
      const kioskUrls = kioskUrlsFor({ host: listen.host, port: Number(url.port), secure: url.protocol === 'https:', publicOrigins, networkAddresses: networkAddresses() });
      const certificate = server.certificate && isSelfSigned(server.certificate) ? certificateFingerprints(server.certificate) : null;
      kiosk = { kioskUrls, certificate, reachableFromOtherMachines: kioskUrls.length > 0 };
    },
    kiosk() {
      if (!kiosk) throw new Error('The server address is read before the server listens.');
      return kiosk;
    },
  };
}

/**
 * What the start prints about the kiosk: where to open it from another
 * machine (or why nothing can), and the certificate's fingerprints.
 */
export function describeKioskAddress(address: KioskAddress, host: string, localUrl: string): string[] {
  const lines: string[] = [];
  if (address.reachableFromOtherMachines) {
    lines.push(...address.kioskUrls.map((url) => `Kiosk on another machine: ${url}`));
    if (address.kioskUrls.every((url) => url.startsWith('http:'))) {
      lines.push('Over plain HTTP, browsers give the camera only on this machine: for a kiosk on another one, start with TLS=self-signed.');
    }
  } else if (isLoopback(host)) {
    lines.push(`Other machines cannot reach this server: it listens on ${host}, which only this machine can use. For a kiosk on another laptop, start it with HOST=0.0.0.0.`);
    lines.push(`Kiosk on this machine: ${localUrl}/kiosk`);
  } else {
    lines.push(`Other machines cannot reach this server: this machine has no network address. Kiosk on this machine: ${localUrl}/kiosk`);
  }
  if (address.certificate) {
    lines.push(`Certificate SHA-256 fingerprint: ${address.certificate.sha256}`);
    lines.push(`Certificate public key SHA-256 (base64, for Chromium's --ignore-certificate-errors-spki-list): ${address.certificate.spkiSha256}`);
  }
  return lines;
}
