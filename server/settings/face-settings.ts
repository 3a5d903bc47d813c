/**
 * The face check's decision threshold, which a manager may change in
 * Settings (`face_match_threshold`); null there means this default.
 */

/**
 * Distance at or below which two descriptors are taken to show the same
 * person. Chosen with bench/face-eval.ts over ~20 people in stored-photo
 * form: at 0.45 no different-person pair matched and no same-person pair
 * failed to (table in docs/face-check.md); 0.5 would leave less room
 * against look-alikes, 0.4 less against a bad camera day.
 */
export const defaultFaceThreshold = 0.45;
