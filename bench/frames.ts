/** Frames for check-in benchmarks. */
import sharp from 'sharp';
import { makeFrame } from '../tests/helpers/fixtures.js';

/** `count` distinct JPEGs (content addressing never skips a write): one base frame with a few pixels changed per frame. */
export async function distinctFrames(count: number, width = 1280, height = 720): Promise<Buffer[]> {
  const base = await sharp(await makeFrame(width, height, 'jpeg')).raw().toBuffer();
  const frames: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const pixels = Buffer.from(base);
    for (let b = 0; b < 4; b++) pixels.writeUInt8((i >> (8 * b)) & 0xff, b * 3 * 97);
    frames.push(await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer());
  }
  return frames;
}
