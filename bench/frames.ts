/** Frames for check-in benchmarks. */
import sharp from 'sharp';
import { makeFrame } from '../tests/helpers/fixtures.js';

const block = 32;
const bits = 16;

/**
 * `count` JPEGs, each of `bases` in turn with its number stamped along the
 * bottom edge as a row of black and white 32-pixel blocks: the blocks survive
 * the stored photo's downscale and compression, so no two stored photos are
 * the same and content addressing never skips a write.
 */
export async function stampedFrames(bases: readonly Buffer[], count: number): Promise<Buffer[]> {
  const decoded = await Promise.all(bases.map((base) => sharp(base).removeAlpha().raw().toBuffer({ resolveWithObject: true })));
  const frames: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const { data, info } = decoded[i % decoded.length]!;
    if (info.width < block * bits || info.height < block) throw new Error(`A ${info.width}×${info.height} frame is too small to stamp.`);
    const pixels = Buffer.from(data);
    for (let bit = 0; bit < bits; bit++) {
      const value = (i >> bit) & 1 ? 255 : 0;
      for (let y = info.height - block; y < info.height; y++) pixels.fill(value, (y * info.width + bit * block) * 3, (y * info.width + (bit + 1) * block) * 3);
    }
    frames.push(await sharp(pixels, { raw: { width: info.width, height: info.height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer());
  }
  return frames;
}

/** `count` distinct synthetic webcam JPEGs (see `stampedFrames`). */
export async function distinctFrames(count: number, width = 1280, height = 720): Promise<Buffer[]> {
  return stampedFrames([await makeFrame(width, height, 'jpeg')], count);
}
