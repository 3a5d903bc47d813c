/**
 * Turning a captured frame into the stored photo: JPEG, PNG or WebP in (at
 * most 5 MB and 25 megapixels), rotated by EXIF, at most 640 px wide, WebP
 * quality 75 with metadata stripped out. Failures are returned as values.
 *
 * @example
 *   const result = await processPhoto(bytes);
 *   if (result.ok) await photoStore.save(result.photo);
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';

export const maxPhotoBytes = 5 * 1024 * 1024;
export const maxPhotoPixels = 25_000_000;
const maxWidth = 640;

export type ProcessedPhoto = { id: string; data: Buffer; width: number; height: number };
export type PhotoError = { code: 'invalid_image' | 'payload_too_large'; message: string };
export type PhotoResult = { ok: true; photo: ProcessedPhoto } | ({ ok: false } & PhotoError);

type ImageFormat = 'jpeg' | 'png' | 'webp';

/** The format the bytes claim by their signature. sharp also reads SVG and GIF, which a camera never sends. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const startsWith = (signature: number[], offset = 0) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (startsWith([0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return undefined;
}

const fail = (code: PhotoError['code'], message: string): PhotoResult => ({ ok: false, code, message });

/** Size and signature only, without decoding: what can be refused before any other work. */
export function checkPhotoBytes(bytes: Uint8Array): { ok: true; format: ImageFormat } | ({ ok: false } & PhotoError) {
  if (bytes.byteLength > maxPhotoBytes) {
    return { ok: false, code: 'payload_too_large', message: `The photo is ${(bytes.byteLength / 1048576).toFixed(1)} MB; the limit is 5 MB.` };
  }
  const format = sniffImageFormat(bytes);
  if (!format) return { ok: false, code: 'invalid_image', message: 'The photo must be a JPEG, PNG or WebP image.' };
  return { ok: true, format };
}

export async function processPhoto(bytes: Uint8Array): Promise<PhotoResult> {
  const checked = checkPhotoBytes(bytes);
  if (!checked.ok) return checked;
  const format = checked.format;
  // Strict decoding: a truncated or corrupt frame is an error, not half a face.
  const input = () => sharp(bytes, { limitInputPixels: maxPhotoPixels, failOn: 'warning' });
  try {
    const metadata = await input().metadata();
    if (metadata.format !== format) return fail('invalid_image', 'The photo must be a JPEG, PNG or WebP image.');
    const pixels = (metadata.width ?? 0) * (metadata.height ?? 0);
    if (pixels > maxPhotoPixels) {
      return fail('invalid_image', `The photo is ${metadata.width}×${metadata.height} pixels; the limit is 25 megapixels.`);
    }
    const { data, info } = await input()
      .rotate()
      .resize({ width: maxWidth, withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer({ resolveWithObject: true });
    const id = createHash('sha256').update(data).digest('hex');
    return { ok: true, photo: { id, data, width: info.width, height: info.height } };
  } catch (error) {
    const detail = error instanceof Error && /pixel limit/i.test(error.message) ? ' It has more than 25 megapixels.' : '';
    return fail('invalid_image', `The photo could not be read as an image: it may be damaged or cut short.${detail}`);
  }
}

export type Base64Result = { ok: true; bytes: Buffer } | ({ ok: false } & PhotoError);

/** Decodes base64, with or without a `data:image/...;base64,` prefix, refusing anything that is not base64. */
export function decodeBase64Image(text: string): Base64Result {
  const match = /^data:([\w/+.-]+)?(;[\w=.+-]+)*;base64,/i.exec(text.slice(0, 200));
  const payload = (match ? text.slice(match[0].length) : text).replace(/\s+/g, '');
  if (payload.length === 0) return { ok: false, code: 'invalid_image', message: 'The captured image is empty.' };
  if (payload.length > Math.ceil((maxPhotoBytes * 4) / 3) + 4) {
    return { ok: false, code: 'payload_too_large', message: 'The photo is larger than 5 MB, the limit.' };
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(payload)) {
    return { ok: false, code: 'invalid_image', message: 'The captured image must be base64 (optionally a data: URL).' };
  }
  return { ok: true, bytes: Buffer.from(payload, payload.includes('-') || payload.includes('_') ? 'base64url' : 'base64') };
}
