/** A small JSON client for a test server: every call returns status, headers and the parsed body. */
import { request as httpsRequest } from 'node:https';

export type Reply<T = any> = { status: number; body: T; headers: Headers; text: string };

export type Auth = { token?: string; cookie?: string };

type Sent = { status: number; headers: Headers; text: string };
type Outgoing = { method: string; headers: Record<string, string>; body: string | undefined };

async function sendWithFetch(url: string, outgoing: Outgoing): Promise<Sent> {
  const response = await fetch(url, outgoing);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** Node's `fetch` cannot be told to trust one more certificate, so a server with a self-signed one is asked through `node:https`. */
function sendTrusting(ca: string | Buffer) {
  return (url: string, outgoing: Outgoing) =>
    new Promise<Sent>((resolve, reject) => {
      const sent = httpsRequest(url, { method: outgoing.method, headers: outgoing.headers, ca }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers)) for (const one of [value ?? []].flat()) headers.append(name, one);
          resolve({ status: response.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString() });
        });
      });
      sent.on('error', reject);
      sent.end(outgoing.body);
    });
}

/** `ca`: the certificate of a server whose certificate no CA signed (`TLS=self-signed`), to trust it. */
export function createClient(baseUrl: string, options: { ca?: string | Buffer } = {}) {
  const send = options.ca ? sendTrusting(options.ca) : sendWithFetch;
  async function request<T = any>(method: string, path: string, body?: unknown, auth: Auth = {}, extraHeaders: Record<string, string> = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...extraHeaders };
    if (body !== undefined && typeof body !== 'string') headers['Content-Type'] ??= 'application/json';
    if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
    if (auth.cookie) headers.Cookie = auth.cookie;
    const response = await send(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = response.text;
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
    put: <T = any>(path: string, body?: unknown, auth?: Auth) => request<T>('PUT', path, body, auth),
    delete: <T = any>(path: string, auth?: Auth) => request<T>('DELETE', path, undefined, auth),
  };
}

export type Client = ReturnType<typeof createClient>;
