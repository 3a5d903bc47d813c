// @ts-check
/**
 * Seals a punch taken while the server cannot be reached, so that only the
 * server can open it (`server/kiosk/offline-punch-crypto.ts` is the other
 * half): a fresh ECDH P-256 key pair per punch, an AES-256-GCM key derived
 * from the shared secret with the kiosk's public key (HKDF-SHA-256 salted
 * with the fresh public key), and the PIN, time and photo encrypted with it.
 * What is kept on the kiosk is only what this returns. Plain WebCrypto, so it
 * runs in the browser and in Node alike.
 */

const info = new TextEncoder().encode('rollcall offline punch v1');

/** @typedef {{ key: Uint8Array, iv: Uint8Array, data: Uint8Array }} SealedPunch */
/** @typedef {{ pin: string, takenAt: string, requestId: string }} PunchHeader */

/** @param {string} base64 */
function fromBase64(base64) {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/**
 * @param {string} publicKey the kiosk key, base64 of the raw (uncompressed) P-256 point, as the server sends it
 * @param {PunchHeader} header
 * @param {Uint8Array} image
 * @returns {Promise<SealedPunch>}
 */
export async function sealPunch(publicKey, header, image) {
  const { subtle } = globalThis.crypto;
  const server = await subtle.importKey('raw', fromBase64(publicKey), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const own = /** @type {CryptoKeyPair} */ (await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']));
  const key = new Uint8Array(await subtle.exportKey('raw', own.publicKey));
  const shared = await subtle.deriveBits({ name: 'ECDH', public: server }, own.privateKey, 256);
  const hkdf = await subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const aes = await subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: key, info }, hkdf, { name: 'AES-GCM', length: 256 }, false, ['encrypt']);
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const plain = new Uint8Array(4 + headerBytes.byteLength + image.byteLength);
  new DataView(plain.buffer).setUint32(0, headerBytes.byteLength);
  plain.set(headerBytes, 4);
  plain.set(image, 4 + headerBytes.byteLength);
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const data = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, aes, plain));
  return { key, iv, data };
}
