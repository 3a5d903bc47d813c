/**
 * The encryption of punches a kiosk saves while it cannot reach the server,
 * so nothing readable rests on the kiosk: ECDH on P-256 wrapping AES-256-GCM.
 * For each punch the kiosk makes a fresh key pair, derives an AES key from
 * the shared secret with its kiosk key (HKDF-SHA-256, salted with the fresh
 * public key) and sends that public key beside the ciphertext
 * (`kiosk/offline-sealing.js` is the other half).
 *
 * A kiosk's key pair is derived from the server's secret key, the kiosk's id
 * and its token: it is never stored, every server process knows it, and
 * pairing again (a new token) gives a new one.
 */
import { createDecipheriv, createECDH, createHmac, hkdfSync, type ECDH } from 'node:crypto';

/** Told to HKDF, so a key derived here serves nothing else. */
export const offlinePunchInfo = 'rollcall offline punch v1';
const curveOrder = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const publicKeyBytes = 65;
const ivBytes = 12;
const tagBytes = 16;

export type KioskKey = { ecdh: ECDH; publicKey: string };

export function kioskKey(secret: Buffer, kiosk: { id: number; tokenHash: string }): KioskKey {
  for (let counter = 0; ; counter += 1) {
    const candidate = createHmac('sha256', secret).update(`${kiosk.id}:${kiosk.tokenHash}:${counter}`).digest();
    const scalar = BigInt(`0x${candidate.toString('hex')}`);
    // Almost always on the first try: a P-256 private key is any number from 1 to the curve's order.
    if (scalar === 0n || scalar >= curveOrder) continue;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(candidate);
    return { ecdh, publicKey: ecdh.getPublicKey('base64') };
  }
}

export type SealedPunch = { key: Uint8Array; iv: Uint8Array; data: Uint8Array };
export type OpenedPunch = { header: unknown; image: Uint8Array };

/** The punch inside, or undefined when it was not sealed to this key (or was changed since). */
export function openPunch(key: KioskKey, sealed: SealedPunch): OpenedPunch | undefined {
  if (sealed.key.byteLength !== publicKeyBytes || sealed.iv.byteLength !== ivBytes || sealed.data.byteLength <= tagBytes + 4) return undefined;
  let plain: Buffer;
  try {
    const shared = key.ecdh.computeSecret(sealed.key);
    const aesKey = Buffer.from(hkdfSync('sha256', shared, sealed.key, offlinePunchInfo, 32));
    const decipher = createDecipheriv('aes-256-gcm', aesKey, sealed.iv);
    decipher.setAuthTag(sealed.data.subarray(sealed.data.byteLength - tagBytes));
    plain = Buffer.concat([decipher.update(sealed.data.subarray(0, sealed.data.byteLength - tagBytes)), decipher.final()]);
  } catch {
    return undefined;
  }
  // [header length, 4 bytes big-endian][header JSON][image bytes]
  const headerLength = plain.readUInt32BE(0);
  if (headerLength > plain.byteLength - 4 || headerLength > 4096) return undefined;
  try {
    return { header: JSON.parse(plain.subarray(4, 4 + headerLength).toString('utf8')), image: plain.subarray(4 + headerLength) };
  } catch {
    return undefined;
  }
}
