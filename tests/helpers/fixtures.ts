/**
 * Building blocks for API tests, all going through the public API exactly as
 * a client of the original system would: register → token → staff → shifts.
 */
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { ApiSuite } from './api-suite.js';
import type { Client, Reply } from './http.js';

export type Account = { id: number; username: string; password: string; token: string };
export type StaffAccount = Account & { staffId: number };

export async function registerAndSignIn(client: Client, username: string, role: 'Manager' | 'Employee', managerToken?: string): Promise<Account> {
  const password = `${username}-Passw0rd!`;
  const registered = await client.post('/api/register/', { username, password, role }, { token: managerToken });
  assert.equal(registered.status, 201, `register ${username}: ${registered.text}`);
  const tokens = await client.post('/api/token/', { username, password });
  assert.equal(tokens.status, 200, `token ${username}: ${tokens.text}`);
  return { id: registered.body.id, username, password, token: tokens.body.access };
}

export function createManager(client: Client, username = 'manager'): Promise<Account> {
  return registerAndSignIn(client, username, 'Manager');
}

export async function createStaffMember(
  client: Client,
  manager: Account,
  username: string,
  /** `since`: the date they started and their shifts run from (default: today on the server's clock). */
  options: { weeklyOffs?: string; shifts?: { day: string; start: string; end: string }[]; pin?: string; since?: string } = {},
): Promise<StaffAccount> {
  const account = await registerAndSignIn(client, username, 'Employee', manager.token);
  const since = options.since && { started_on: options.since };
  const profile = await client.post(
    '/api/staff/',
    { user: account.id, weekly_off_days: options.weeklyOffs ?? 'Saturday,Sunday', ...(options.pin && { pin: options.pin }), ...since },
    { token: manager.token },
  );
  assert.equal(profile.status, 201, `staff ${username}: ${profile.text}`);
  // A fresh token so it carries nothing stale; the staff profile is looked up per request anyway.
  for (const shift of options.shifts ?? []) {
    const created = await client.post(
      '/api/shifts/',
      { staff: profile.body.id, day_of_week: shift.day, shift_start: shift.start, shift_end: shift.end, ...(options.since && { effective_from: options.since }) },
      { token: manager.token },
    );
    assert.equal(created.status, 201, `shift for ${username}: ${created.text}`);
  }
  return { ...account, staffId: profile.body.id };
}

/**
 * A camera-like frame: smooth shapes plus a little sensor noise, so it
 * compresses like a webcam photo rather than a flat colour. Deterministic.
 */
export async function makeFrame(width = 1280, height = 720, format: 'jpeg' | 'png' | 'webp' = 'jpeg'): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed % 13) - 6;
  };
  const clamp = (value: number) => Math.max(0, Math.min(255, Math.round(value)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      const dx = (x - width / 2) / width;
      const dy = (y - height / 2) / height;
      const face = dx * dx + dy * dy * 1.6 < 0.04 ? 60 : 0;
      pixels[i] = clamp((x * 200) / width + face + 20 * Math.sin(y / 23) + noise());
      pixels[i + 1] = clamp((y * 180) / height + face * 0.7 + 15 * Math.cos(x / 31) + noise());
      pixels[i + 2] = clamp(90 + 40 * Math.sin((x + y) / 57) + noise());
    }
  }
  const image = sharp(pixels, { raw: { width, height, channels } });
  if (format === 'png') return image.png().toBuffer();
  if (format === 'webp') return image.webp().toBuffer();
  return image.jpeg({ quality: 85 }).toBuffer();
}

export function toBase64(bytes: Buffer, dataUrl = false, mime = 'image/jpeg'): string {
  return dataUrl ? `data:${mime};base64,${bytes.toString('base64')}` : bytes.toString('base64');
}

/**
 * Moves the server's clock to `instant` and posts `captured_image` to
 * `POST /api/attendance/` as the staff member, signed in at that instant.
 */
export async function captureAt(ctx: ApiSuite, account: StaffAccount, instant: string, captured_image: string): Promise<Reply> {
  ctx.server.clock.set(instant);
  return ctx.client.post('/api/attendance/', { staff: account.staffId, captured_image }, await ctx.auth(account));
}

/**
 * Every attendance record as the suite's manager sees it through the API
 * (newest first); with `count`, fails unless there are exactly that many.
 */
export async function attendanceRows(ctx: ApiSuite, count?: number): Promise<any[]> {
  const reply = await ctx.client.get('/api/attendance/', await ctx.auth(ctx.manager));
  assert.equal(reply.status, 200, reply.text);
  assert.ok(Array.isArray(reply.body), reply.text);
  if (count !== undefined) assert.equal(reply.body.length, count, `attendance rows: ${reply.text}`);
  return reply.body;
}


/** The stored alerts of `type`, as the suite's manager lists them, once every alert being raised is stored. */
export async function storedAlerts(ctx: ApiSuite, type: string): Promise<any[]> {
  await ctx.server.deps.background.settled();
  const reply = await ctx.client.get('/api/alerts/', await ctx.auth(ctx.manager));
  assert.equal(reply.status, 200, reply.text);
  return (reply.body.alerts as any[]).filter((alert) => alert.type === type);
}
