// @ts-check
// The REST API from the browser: JSON in and out, errors as ApiError with
// the server's sentence for a person.

export class ApiError extends Error {
  /**
   * @param {number} status the HTTP status (0: the server could not be reached)
   * @param {string} code
   * @param {string} message a sentence for a person
   * @param {Record<string, string[]>} [fields] messages per field
   */
  constructor(status, code, message, fields) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields ?? {};
  }
}

/**
 * @param {'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<any>} the parsed body; throws ApiError
 */
export async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  if (response.status === 204) return null;
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    const error = data?.error;
    throw new ApiError(response.status, error?.code ?? 'error', error?.message ?? `The server answered ${response.status}.`, error?.fields);
  }
  return data;
}

export const get = (/** @type {string} */ path) => api('GET', path);
/**
 * @param {string} path
 * @param {unknown} [body] an empty object when left out
 */
export const post = (path, body) => api('POST', path, body ?? {});
export const patch = (/** @type {string} */ path, /** @type {unknown} */ body) => api('PATCH', path, body);
export const del = (/** @type {string} */ path) => api('DELETE', path);
