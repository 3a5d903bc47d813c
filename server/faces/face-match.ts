/**
 * The face check's rule, as plain functions: how far apart two face
 * descriptors are, and what a punch photo's analysis says against the
 * person's reference face.
 *
 * @example
 *   const { verdict, distance } = faceVerdict(analysis, reference?.descriptor ?? null, defaultFaceThreshold);
 */
import type { FaceVerdict } from '../domain-events.js';
import type { FaceAnalysis } from './face-engine.js';

/** The default lives with the settings, which fall back to it (a setting may be changed; the rule takes it as an argument). */
export { defaultFaceThreshold } from '../settings/face-settings.js';

/** Euclidean distance between two descriptors of the same length. */
export function faceDistance(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`Face descriptors differ in length: ${a.length} and ${b.length}.`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const difference = a[i]! - b[i]!;
    sum += difference * difference;
  }
  return Math.sqrt(sum);
}

export type FaceCheckResult = { verdict: FaceVerdict; distance: number | null };

/**
 * The photo's face count decides first, reference or not: a photo with no
 * face, or a crowd, is worth a manager's look even for someone who has no
 * reference face yet.
 */
export function faceVerdict(analysis: FaceAnalysis, reference: readonly number[] | null, threshold: number): FaceCheckResult {
  if (analysis.faces === 0 || (analysis.faces === 1 && !analysis.descriptor)) return { verdict: 'no_face', distance: null };
  if (analysis.faces > 1) return { verdict: 'several_faces', distance: null };
  if (!reference) return { verdict: 'no_reference', distance: null };
  const distance = faceDistance(analysis.descriptor!, reference);
  return { verdict: distance <= threshold ? 'match' : 'mismatch', distance };
}
