// @ts-check
/**
 * The kiosk's two waits, overridable from the page address so browser tests
 * need not sit through them: `/kiosk?countdown=0&confirmSeconds=1`. Anything
 * missing or out of range means the defaults a real kiosk uses.
 *
 * @example
 *   parseTimings(location.search) // → { countdownSeconds: 3, confirmSeconds: 5 } on a plain /kiosk
 */

/**
 * @typedef {object} Timings
 * @property {number} countdownSeconds before the photo, shown over the live preview (0: no countdown)
 * @property {number} confirmSeconds how long the confirmation stays unless tapped
 */

/** @type {Readonly<Timings>} */
export const defaultTimings = Object.freeze({ countdownSeconds: 3, confirmSeconds: 5 });

/**
 * @param {string | URLSearchParams} search e.g. `location.search`
 * @returns {Timings}
 */
export function parseTimings(search) {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  return {
    countdownSeconds: wholeNumberIn(params.get('countdown'), 0, 10) ?? defaultTimings.countdownSeconds,
    confirmSeconds: wholeNumberIn(params.get('confirmSeconds'), 1, 30) ?? defaultTimings.confirmSeconds,
  };
}

/**
 * @param {string | null} text
 * @param {number} min
 * @param {number} max
 * @returns {number | null} the integer if `text` is one (digits only) within [min, max], else null
 */
function wholeNumberIn(text, min, max) {
  if (text === null || !/^\d{1,3}$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}
