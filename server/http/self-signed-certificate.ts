/**
 * `TLS=self-signed`: the certificate the server makes for itself, so a kiosk
 * on another laptop reaches it over HTTPS (browsers give the camera only to
 * secure origins). It lives in `DATA_DIR/tls` and is reused on later starts:
 * every new certificate must be trusted again on every kiosk, so one is made
 * only when there is none, it cannot be read, it no longer names all of this
 * machine's names and addresses, or it has less than a month left.
 *
 * @example
 *   const certificate = await loadOrCreateSelfSignedCertificate(env.dataDir, machineNames(), new Date());
 *   if (certificate.made) process.stdout.write(`${certificate.made}\n`);
 *   await startServer(app, { port, host, tls: certificate });
 */
import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MachineNames } from './machine-names.js';

export type SelfSignedCertificate = {
  certFile: string;
  keyFile: string;
  /** Why a new certificate was made at this start (a sentence for the person starting it), or null when the stored one was reused. */
  made: string | null;
};

/**
 * 397 days: Apple's platforms refuse TLS server certificates valid for longer
 * than 825 days even when a person trusted them, and 398 is the limit for
 * publicly trusted ones, which some checks apply to every certificate.
 */
const validDays = 397;
const renewWithinDays = 30;
const dayMs = 24 * 60 * 60 * 1000;

export async function loadOrCreateSelfSignedCertificate(dataDir: string, names: MachineNames, now: Date): Promise<SelfSignedCertificate> {
  const folder = path.join(dataDir, 'tls');
  const certFile = path.join(folder, 'cert.pem');
  const keyFile = path.join(folder, 'key.pem');
  const problem = problemWithStored(certFile, keyFile, names, now);
  if (problem === null) return { certFile, keyFile, made: null };

  const { certPem, keyPem } = await makeCertificate(names, now);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  // Each written aside and renamed: a start interrupted halfway leaves the old pair or a pair that does not match, never half a file.
  for (const [file, text] of [[keyFile, keyPem], [certFile, certPem]] as const) {
    writeFileSync(`${file}.new`, text, { mode: 0o600 });
    renameSync(`${file}.new`, file);
  }
  const named = [...names.dnsNames, ...names.ipAddresses].join(', ');
  const why = problem === 'none' ? 'Made a self-signed certificate' : `Made a new self-signed certificate (${problem}; browsers that trusted the old one will warn again)`;
  return { certFile, keyFile, made: `${why} for ${named}: ${certFile}` };
}

/** Why the stored pair cannot be served as it is: `none` when there is none, a reason, or null when it can. */
function problemWithStored(certFile: string, keyFile: string, names: MachineNames, now: Date): string | null {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(readFileSync(certFile));
    if (!certificate.checkPrivateKey(createPrivateKey(readFileSync(keyFile)))) return 'the stored key does not match the stored certificate';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    return `the stored one could not be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  const missing = [...names.dnsNames.filter((name) => !certificate.checkHost(name)), ...names.ipAddresses.filter((address) => !certificate.checkIP(address))];
  if (missing.length > 0) return `the old one did not name ${missing.join(', ')}`;
  const validTo = new Date(certificate.validTo);
  if (!(validTo.getTime() - now.getTime() > renewWithinDays * dayMs)) return `the old one expires on ${validTo.toISOString().slice(0, 10)}`;
  return null;
}

/**
 * A certificate for an ECDSA P-256 key (every browser takes it, and making
 * one is instant) naming every name and address, for a server only: not a
 * CA, so trusting it lets it vouch for this server and nothing else.
 */
async function makeCertificate(names: MachineNames, now: Date): Promise<{ certPem: string; keyPem: string }> {
  // @peculiar/x509 resolves its parts through tsyringe, which needs the Reflect metadata API; loaded only when a certificate is made.
  await import('reflect-metadata');
  const x509 = await import('@peculiar/x509');
  const crypto = webcrypto as unknown as Crypto;
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const host = names.dnsNames.find((name) => name !== 'localhost' && !name.endsWith('.local')) ?? 'localhost';
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      // Positive (top bit clear) and unique, so a browser never mistakes a new certificate for an old one.
      serialNumber: `01${randomBytes(15).toString('hex')}`,
      name: [{ CN: [`Rollcall on ${host}`] }, { O: ['Rollcall (self-signed)'] }],
      // An hour back, so a kiosk whose clock is a little behind still accepts it.
      notBefore: new Date(now.getTime() - 60 * 60 * 1000),
      notAfter: new Date(now.getTime() + validDays * dayMs),
      signingAlgorithm: algorithm,
      keys,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([
          ...names.dnsNames.map((value) => ({ type: 'dns' as const, value })),
          ...names.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
        ]),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }).export({ type: 'pkcs8', format: 'pem' }).toString();
  return { certPem: `${certificate.toString('pem')}\n`, keyPem };
}
