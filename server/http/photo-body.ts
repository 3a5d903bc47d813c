/**
 * A JSON body that carries one photo as base64 (the original check-in, a
 * reference face): its size limit, its field's schema and its decoding, each
 * failure a 400 or 413 that names the field.
 *
 * @example
 *   app.put('/photo', photoBodyLimit, jsonBody(z.object({ image: base64PhotoSchema })), (c) => {
 *     const bytes = decodePhotoField(c.req.valid('json').image, 'image');
 *   });
 */
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { decodeBase64Image } from '../../storage/photo-processing.js';
import { AppError } from './errors.js';

/** base64 of a 5 MB photo, plus room for the rest of the JSON. */
const maxPhotoBodyBytes = 7 * 1024 * 1024 + 64 * 1024;

export const photoBodyLimit = bodyLimit({
  maxSize: maxPhotoBodyBytes,
  onError: () => {
    throw new AppError(413, 'payload_too_large', 'The request is larger than 7 MB; a photo may be at most 5 MB.');
  },
});

export const base64PhotoSchema = z.string({ error: 'must be the photo as base64 text' }).min(1, 'must not be empty');

/** A photo that cannot be used, as the error naming `field`: 413 when it is too large, else 400. */
export function photoFieldError(error: { code: string; message: string }, field: string): AppError {
  return new AppError(error.code === 'payload_too_large' ? 413 : 400, error.code, error.message, { [field]: [error.message] });
}

/** The photo's bytes, or the error naming `field`. */
export function decodePhotoField(text: string, field: string): Buffer {
  const decoded = decodeBase64Image(text);
  if (!decoded.ok) throw photoFieldError(decoded, field);
  return decoded.bytes;
}
