/** A small JSON client for a test server: every call returns status, headers and the parsed body. */

export type Reply<T = any> = { status: number; body: T; headers: Headers; text: string };

export type Auth = { token?: string; cookie?: string };

export function createClient(baseUrl: string) {
  async function request<T = any>(method: string, path: string, body?: unknown, auth: Auth = {}, extraHeaders: Record<string, string> = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined && typeof body !== 'string') headers['Content-Type'] ??= 'application/json';
    if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
    if (auth.cookie) headers.Cookie = auth.cookie;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: response.status, body: parsed, headers: response.headers, text };
  }
  return {
    request,
    get: <T = any>(path: string, auth?: Auth) => request<T>('GET', path, undefined, auth),
    post: <T = any>(path: string, body?: unknown, auth?: Auth) => request<T>('POST', path, body, auth),
    patch: <T = any>(path: string, body?: unknown, auth?: Auth) => request<T>('PATCH', path, body, auth),
    delete: <T = any>(path: string, auth?: Auth) => request<T>('DELETE', path, undefined, auth),
  };
}

export type Client = ReturnType<typeof createClient>;
