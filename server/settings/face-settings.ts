/**
 * The face check's decision threshold, which a manager may change in
 * Settings (`face_match_threshold`); null there means this default.
 */

/**
 * Distance at or below which two descriptors are taken to show the same
 * person. Measured with bench/face-eval.ts (SSD MobileNet, 20 people from the
 * face-api demo photos, stored-photo form, 274 same-person and 6,167
 * different-person pairs): at 0.45, 0.02 % false matches and 1.46 % false
 * non-matches; at 0.5 the same 1.46 % but 0.24 % false matches; at 0.4,
 * 1.82 % false non-matches and none false. The table is in docs/face-check.md.
 */
export const defaultFaceThreshold = 0.45;
