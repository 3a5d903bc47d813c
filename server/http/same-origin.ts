/**
 * Cross-site request refusal. A browser sends the session cookie along with
 * a form another site submits, and a page on another port of the same host
 * is the same *site*, so `SameSite=Lax` does not stop it. Writes are
 * therefore accepted only from Rollcall's own origin (or `PUBLIC_ORIGINS`),
 * and a cookie-authenticated body must be JSON, which no cross-site form can
 * send. Bearer-token requests carry no ambient credential: they are exempt,
 * so the original API's clients keep working with or without a
 * Content-Type.
 *
 * Hono's `csrf` middleware checks Origin and Sec-Fetch-Site only for form
 * content types and refuses a form-typed request without either header,
 * which a non-browser client of the original API may send; so the rule is
 * written out here, the same for HTTP and for the `/admin` socket.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { IncomingHttpHeaders } from 'node:http';
import type { AppDeps, AppEnv } from './app-env.js';
import { AppError } from './errors.js';

type Headers = Record<string, string | undefined>;

/** What a request looks like to the rule: its headers (lower-case names) and whether it is a write. */
export type RequestFacts = {
  method: string;
  headers: Headers;
  /** Whether the connection itself is TLS (the scheme when no trusted proxy says otherwise). */
  secure: boolean;
};

export type OriginPolicy = { publicOrigins: readonly string[]; trustProxy: boolean };

const first = (value: string | undefined) => value?.split(',')[0]?.trim() || undefined;

/** The origin the browser sees this server at: scheme and Host, or what a trusted proxy forwards. */
export function ownOrigin(facts: Pick<RequestFacts, 'headers' | 'secure'>, policy: OriginPolicy): string | undefined {
  const forwardedProto = policy.trustProxy ? first(facts.headers['x-forwarded-proto']) : undefined;
  const forwardedHost = policy.trustProxy ? first(facts.headers['x-forwarded-host']) : undefined;
  const host = forwardedHost ?? facts.headers.host;
  if (!host) return undefined;
  const scheme = forwardedProto === 'https' || forwardedProto === 'http' ? forwardedProto : facts.secure ? 'https' : 'http';
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/** The page a browser request came from: `Origin`, or without one the origin of `Referer`. */
function senderOrigin(headers: Headers): string | undefined {
  const origin = headers.origin;
  // "null" is what a sandboxed or file: page sends: a sender, just not one we know.
  if (origin) return origin;
  if (!headers.referer) return undefined;
  try {
    return new URL(headers.referer).origin;
  } catch {
    return 'null';
  }
}

export type CrossSiteVerdict = { ok: true } | { ok: false; status: 403 | 415; code: string; message: string };

const allowed: CrossSiteVerdict = { ok: true };

/**
 * Whether a browser page on another origin sent this: its Origin/Referer is
 * neither ours nor a public origin, or, with neither header, Sec-Fetch-Site
 * says another site. A client that sends none of them is not a browser page.
 */
export function judgeSender(facts: Pick<RequestFacts, 'headers' | 'secure'>, policy: OriginPolicy): CrossSiteVerdict {
  const sender = senderOrigin(facts.headers);
  const fetchSite = facts.headers['sec-fetch-site'];
  const own = ownOrigin(facts, policy);
  const foreign = sender !== undefined ? sender !== own && !policy.publicOrigins.includes(sender) : fetchSite === 'cross-site' || fetchSite === 'same-site';
  if (!foreign) return allowed;
  const from = sender && sender !== 'null' ? ` (${sender})` : '';
  return {
    ok: false,
    status: 403,
    code: 'cross_origin',
    message: `This request came from another site${from}, so it was refused. Open Rollcall at its own address${own ? `, ${own}` : ''}; if it is reached through another address, the administrator adds that address to PUBLIC_ORIGINS.`,
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const jsonType = /^application\/json\s*(;|$)/i;

/** The rule for one HTTP request: reads pass, Bearer writes pass, other writes must come from us, and cookie writes with a body must be JSON. */
export function judgeWrite(facts: RequestFacts, policy: OriginPolicy, carriesSessionCookie: boolean): CrossSiteVerdict {
  if (safeMethods.has(facts.method.toUpperCase())) return allowed;
  if (facts.headers.authorization !== undefined) return allowed;
  const sender = judgeSender(facts, policy);
  if (!sender.ok) return sender;
  const hasBody = Number(facts.headers['content-length'] ?? 0) > 0 || facts.headers['transfer-encoding'] !== undefined;
  if (carriesSessionCookie && hasBody && !jsonType.test(facts.headers['content-type'] ?? '')) {
    return { ok: false, status: 415, code: 'unsupported_media_type', message: 'Send the request body as JSON, with the header Content-Type: application/json.' };
  }
  return allowed;
}

/** Node's socket handshake headers as the rule reads them. */
export function fromNodeHeaders(headers: IncomingHttpHeaders): Headers {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
}

/**
 * Whether the browser reached us over HTTPS: the server's own TLS, or a
 * trusted proxy's `X-Forwarded-Proto: https`. Cookies are then `Secure`.
 */
export function reachedOverHttps(c: Context, config: AppDeps['config']): boolean {
  if (config.secureCookies) return true;
  const facts = requestFacts(c);
  return (ownOrigin(facts, config) ?? (facts.secure ? 'https:' : '')).startsWith('https:');
}

/** A Hono request as the rules read it. */
function requestFacts(c: Context): RequestFacts {
  const headers: Headers = {};
  c.req.raw.headers.forEach((value, name) => (headers[name] = value));
  return { method: c.req.method, headers, secure: new URL(c.req.url).protocol === 'https:' };
}

/** The HTTP middleware: refuses with 403 `cross_origin` or 415 before any route runs. */
export function refuseCrossSiteWrites(config: AppDeps['config'], sessionCookieName: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const verdict = judgeWrite(requestFacts(c), config, getCookie(c, sessionCookieName) !== undefined);
    if (!verdict.ok) throw new AppError(verdict.status, verdict.code, verdict.message);
    return next();
  };
}
