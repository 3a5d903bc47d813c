/**
 * The typed environment: the only module that reads `process.env`.
 * Everything else receives these values as arguments.
 */
import path from 'node:path';
import { IANAZone } from 'luxon';
import { z } from 'zod';

const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

const machineZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  ORG_TIMEZONE: z
    .string()
    .default(machineZone)
    .refine((zone) => IANAZone.isValidZone(zone), { message: 'must be an IANA time zone name such as Europe/London' }),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** `self-signed`: serve HTTPS with a certificate the server makes for itself in DATA_DIR. */
  TLS: z
    .enum(['self-signed'], { error: (issue) => `must be self-signed, or unset (plain HTTP, or HTTPS with TLS_CERT_FILE and TLS_KEY_FILE), not ${JSON.stringify(issue.input)}` })
    .optional(),
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** The organisation's name shown on the kiosk and in the admin app. */
  ORG_NAME: z.string().min(1).default('Rollcall'),
  /** Other addresses the web apps are opened at (a proxy's https://… name), comma-separated. */
  PUBLIC_ORIGINS: z
    .string()
    .default('')
    .transform((text, context) => {
      const origins = text.split(',').map((item) => item.trim()).filter(Boolean);
      const bad = origins.filter((item) => asOrigin(item) !== item.replace(/\/$/, ''));
      if (bad.length > 0) context.addIssue({ code: 'custom', message: `must be origins such as https://rollcall.example.com (scheme, host and port only), not ${bad.join(', ')}` });
      return origins.map((item) => item.replace(/\/$/, ''));
    }),
  /** 1 behind a reverse proxy: the scheme, host and client address come from X-Forwarded-*. */
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
});

function asOrigin(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

export type Env = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  orgTimezone: string;
  secretKey: string | undefined;
  /** Certificate files, `self-signed` (made in `DATA_DIR/tls` at start), or HTTP. */
  tls: { certFile: string; keyFile: string } | 'self-signed' | undefined;
  logLevel: LogLevel;
  orgName: string;
  publicOrigins: string[];
  trustProxy: boolean;
};

/** Reads and checks the environment; throws one readable message listing every bad variable. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (Boolean(env.TLS_CERT_FILE) !== Boolean(env.TLS_KEY_FILE)) {
    throw new Error('Invalid environment:\n  TLS_CERT_FILE and TLS_KEY_FILE must be set together.');
  }
  if (env.TLS === 'self-signed' && (env.TLS_CERT_FILE || env.TLS_KEY_FILE)) {
    throw new Error('Invalid environment:\n  TLS=self-signed makes its own certificate: unset TLS_CERT_FILE and TLS_KEY_FILE, or unset TLS to serve those files.');
  }
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    orgTimezone: env.ORG_TIMEZONE,
    secretKey: env.SECRET_KEY,
    tls: env.TLS ?? (env.TLS_CERT_FILE && env.TLS_KEY_FILE ? { certFile: env.TLS_CERT_FILE, keyFile: env.TLS_KEY_FILE } : undefined),
    logLevel: env.LOG_LEVEL,
    orgName: env.ORG_NAME,
    publicOrigins: env.PUBLIC_ORIGINS,
    trustProxy: env.TRUST_PROXY === '1',
  };
}
