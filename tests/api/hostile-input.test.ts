/**
 * Input that used to reach the database or a plain object and come back as
 * a 500: NUL and other control characters, names of Object's own properties,
 * dates PostgreSQL cannot store, formula-like staff names in the CSV. Each
 * must be a 4xx with a sentence for a person and change nothing; then a few
 * hundred seeded random inputs must never give a 5xx.
 */
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { test } from 'uvu';
import { assertError, assertFieldError } from '../helpers/assertions.js';
import { useApiSuite } from '../helpers/api-suite.js';
import { createStaffMember } from '../helpers/fixtures.js';
import type { Reply } from '../helpers/http.js';

const ctx = useApiSuite(test, { now: '2026-11-23T12:00:00Z', timezone: 'UTC' });
const asManager = async () => ctx.auth(ctx.manager);

/** The error is a sentence a person can read, not an internal. */
function assertSentence(reply: Reply) {
  const message: string = reply.body.error.message;
  assert.match(message, /^[A-Z"].*[.?!]$/s, `a sentence: ${message}`);
  assert.doesNotMatch(message, /Failed query|TypeError|\.ts:\d|\[object|undefined/, message);
}

function assertRefused(reply: Reply, status: number, code: string, field?: string) {
  if (field) assertFieldError(reply, field, code);
  assertError(reply, status, code);
  assertSentence(reply);
}

test('a sign-in username with NUL or another control character is the ordinary "wrong username or password" 401', async () => {
  const unknown = await ctx.client.post('/api/token/', { username: 'nobody', password: 'whatever-it-is' });
  assertRefused(unknown, 401, 'unauthorized');
  for (const username of ['a\u0000b', '\u0000', `${ctx.manager.username}\u0000`, `\u0000${ctx.manager.username}`, 'man\tager', 'line\nbreak', 'lone\uD800']) {
    for (const path of ['/api/token/', '/api/auth/login']) {
      const reply = await ctx.client.post(path, { username, password: ctx.manager.password });
      assertRefused(reply, 401, 'unauthorized');
      assert.deepEqual(reply.body, unknown.body, `${path} ${JSON.stringify(username)} says no more than an unknown name`);
      assert.equal(reply.headers.get('set-cookie'), null);
    }
  }
  // NUL in the password is only a wrong password.
  assertRefused(await ctx.client.post('/api/token/', { username: ctx.manager.username, password: `${ctx.manager.password}\u0000` }), 401, 'unauthorized');
  assert.equal((await ctx.client.post('/api/auth/login', { username: ctx.manager.username, password: ctx.manager.password })).status, 200);
});

test('control characters in a staff name are a 400 naming the field, on create and on edit, and change nothing', async () => {
  const auth = await asManager();
  const asha = await createStaffMember(ctx.client, ctx.manager, 'asha');
  const ben = await ctx.client.post('/api/register/', { username: 'ben', password: 'Ben-Passw0rd', role: 'Employee' }, auth);
  for (const name of ['a\u0000b', '\u0000', 'Tab\there', 'Line\nbreak', 'Bell\u0007', 'Next\u0085line', 'Sep\u2028arator', 'Lone\uD800']) {
    assertRefused(await ctx.client.post('/api/staff/', { user: ben.body.id, weekly_off_days: 'Sunday', name }, auth), 400, 'validation_failed', 'name');
    const withAccount = { username: 'carol', password: 'Carol-Passw0rd', weekly_off_days: 'Sunday', name };
    assertRefused(await ctx.client.post('/api/staff/', withAccount, auth), 400, 'validation_failed', 'name');
    assertRefused(await ctx.client.patch(`/api/staff/${asha.staffId}/`, { name }, auth), 400, 'validation_failed', 'name');
  }
  const staff = (await ctx.client.get('/api/staff/', auth)).body;
  assert.deepEqual(staff.map((s: { name: string }) => s.name), ['asha']);
  assertRefused(await ctx.client.post('/api/token/', { username: 'carol', password: 'Carol-Passw0rd' }), 401, 'unauthorized');
  // Letters from anywhere, and emoji, are still names.
  const renamed = await ctx.client.patch(`/api/staff/${asha.staffId}/`, { name: 'Zoë Ñandú 😀' }, auth);
  assert.equal(renamed.status, 200, renamed.text);
});

test('NUL in any other field of a JSON body is a 400 naming the field, and nothing is made', async () => {
  const auth = await asManager();
  const cases: [string, object, string][] = [
    ['/api/register/', { username: 'dev\u0000', password: 'Dev-Passw0rd', role: 'Employee' }, 'username'],
    ['/api/register/', { username: 'dev', password: 'Dev-Passw0rd\u0000', role: 'Employee' }, 'password'],
    ['/api/register/', { username: 'dev', password: 'Dev-Passw0rd', role: 'Employee\u0000' }, 'role'],
  ];
  for (const [path, body, field] of cases) assertRefused(await ctx.client.post(path, body, auth), 400, 'validation_failed', field);
  const { code } = (await ctx.client.post('/api/kiosks/pairing-codes', {}, auth)).body;
  assertRefused(await ctx.client.post('/api/kiosks/pair', { code, name: 'Front\u0000desk' }), 400, 'validation_failed', 'name');
  // The code was not used up, and the name was free all along.
  assert.equal((await ctx.client.post('/api/kiosks/pair', { code, name: 'Front desk' })).status, 201);
  assert.equal((await ctx.client.post('/api/register/', { username: 'dev', password: 'Dev-Passw0rd', role: 'Employee' }, auth)).status, 201);
});

test('a role naming a property every object has is a 400, and no account is made', async () => {
  const auth = await asManager();
  for (const role of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'CONSTRUCTOR', ' __proto__ ']) {
    assertRefused(await ctx.client.post('/api/register/', { username: 'pat', password: 'Pat-Passw0rd', role }, auth), 400, 'validation_failed', 'role');
  }
  // A "__proto__" key in the body is only an unknown key: the role is still missing.
  const sneaky = '{"username": "pat", "password": "Pat-Passw0rd", "__proto__": {"role": "Manager"}}';
  assertRefused(await ctx.client.request('POST', '/api/register/', sneaky, auth, { 'Content-Type': 'application/json' }), 400, 'validation_failed', 'role');
  assertRefused(await ctx.client.post('/api/token/', { username: 'pat', password: 'Pat-Passw0rd' }), 401, 'unauthorized');
  const made = await ctx.client.post('/api/register/', { username: 'pat', password: 'Pat-Passw0rd', role: 'Employee' }, auth);
  assert.deepEqual([made.status, made.body.role], [201, 'Employee'], made.text);
});

test('/vendor/ names of Object\'s own properties are 404s; the real modules are still served', async () => {
  for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']) {
    assertRefused(await ctx.client.get(`/vendor/${name}`), 404, 'not_found');
  }
  const preact = await ctx.client.get('/vendor/preact.mjs');
  assert.equal(preact.status, 200);
  assert.match(preact.text, /export/);
});

test('dates outside the years 2000 to 2100 are a 400 naming the field, on every date filter', async () => {
  const auth = await asManager();
  const refused: [string, string][] = [
    ['/api/attendance/?from=0000-01-01', 'from'],
    ['/api/attendance/?to=9999-12-31', 'to'],
    ['/api/attendance/?from=%2B275760-09-13T00:00:00Z', 'from'],
    ['/api/attendance/?from=-000001-01-01T00:00:00Z', 'from'],
    ['/api/attendance/?to=1999-12-31T23:59:59Z', 'to'],
    ['/api/attendance/?from=2101-01-01', 'from'],
    ['/api/roster/?from=0000-01-01&to=0000-01-02', 'from'],
    ['/api/roster/?from=9999-12-31&to=9999-12-31', 'to'],
    ['/api/roster/?from=1999-12-31', 'from'],
    ['/api/roster/?from=2026-11-23&to=2101-01-01', 'to'],
    ['/api/timesheets.csv?from=0000-01-01&to=0000-01-02', 'from'],
    ['/api/timesheets.csv?from=9999-12-31&to=9999-12-31', 'to'],
    ['/api/timesheets.csv?from=2100-12-31&to=2101-01-01', 'to'],
  ];
  for (const [path, field] of refused) {
    const reply = await ctx.client.get(path, auth);
    assertRefused(reply, 400, 'validation_failed', field);
    assert.match(reply.body.error.message, /2000 to 2100/, path);
  }
  for (const path of ['/api/attendance/?from=2000-01-01&to=2100-12-31', '/api/roster/?from=2100-12-25&to=2100-12-31', '/api/timesheets.csv?from=2000-01-01&to=2000-01-31']) {
    assert.equal((await ctx.client.get(path, auth)).status, 200, path);
  }
});

test('a staff filter that is huge, negative or not a whole number is a 400 naming it', async () => {
  const auth = await asManager();
  for (const staff of ['99999999999999', '2147483648', '1.5', '-1', '0', 'abc', '1e3', '0x10', '', '%00']) {
    for (const path of ['/api/attendance/', '/api/roster/']) {
      assertRefused(await ctx.client.get(`${path}?staff=${staff}`, auth), 400, 'validation_failed', 'staff');
    }
  }
});

/** The rows of a CSV text, cells unquoted (doubled quotes undone), as csv-stringify writes them. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted && char === '"' && text[i + 1] === '"') (cell += '"'), i++;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === ',') row.push(cell), (cell = '');
    else if (!quoted && char === '\n') rows.push([...row, cell]), (row = []), (cell = '');
    else cell += char;
  }
  return rows;
}

test('timesheet cells that a spreadsheet would run as a formula are written as text', async () => {
  const auth = await asManager();
  const shifts = [{ day: 'Monday', start: '09:00', end: '17:00' }];
  const names = ['=HYPERLINK("http://evil","x")', '+1', '-1', '@SUM(A1)'];
  const people = [];
  for (const [index, name] of names.entries()) {
    const person = await createStaffMember(ctx.client, ctx.manager, `person${index}`, { shifts });
    assert.equal((await ctx.client.patch(`/api/staff/${person.staffId}/`, { name }, auth)).status, 200);
    people.push({ id: person.staffId, name });
  }
  // Names with a leading tab or CR cannot be typed any more, but may be stored from before.
  for (const name of ['\tTab', '\rReturn']) {
    const person = await createStaffMember(ctx.client, ctx.manager, `person${people.length}`, { shifts });
    await ctx.server.database.db.execute(sql`update staff set name = ${name} where id = ${person.staffId}`);
    people.push({ id: person.staffId, name });
  }
  const plain = await createStaffMember(ctx.client, ctx.manager, 'asha', { shifts });
  const reply = await ctx.client.get('/api/timesheets.csv?from=2026-11-23&to=2026-11-23', auth);
  assert.equal(reply.status, 200, reply.text);
  const [header, ...lines] = parseCsv(reply.text);
  // The last line names the ledger's head; it holds nothing anyone typed.
  const rows = lines.filter((row) => !row[0]!.startsWith('# ledger head: '));
  assert.equal(rows.length, lines.length - 1);
  assert.deepEqual(header!.slice(0, 9), ['staff_id', 'staff', 'date', 'scheduled_start', 'scheduled_end', 'check_in', 'check_out', 'status', 'hours']);
  const byId = new Map(rows.map((row) => [Number(row[0]), row]));
  assert.equal(byId.size, people.length + 1, reply.text);
  for (const { id, name } of people) {
    const row = byId.get(id)!;
    assert.equal(row[1], `'${name}`, JSON.stringify(name));
    assert.deepEqual(row.slice(2, 5), ['2026-11-23', '2026-11-23 09:00', '2026-11-23 17:00'], 'the other cells are as they were');
  }
  assert.equal(byId.get(plain.staffId)![1], 'asha');
});

/** mulberry32: a tiny seeded generator, so every run sends the same inputs and a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seed = 20261123;
const random = seededRandom(seed);
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
const nasty = ['', ' ', '\u0000', 'a\u0000b', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', '%00', "' or 1=1 --", '\uD800', '\uDFFF', '😀', '\u202E', '\u2028', '\uFEFF', '\u0085', 'x'.repeat(151), 'y'.repeat(3000), '\r\n', '\t', 'null', 'NaN', '-1', '1e999', '../../etc/passwd'];
const codePointRanges: [number, number][] = [[0, 31], [32, 126], [127, 159], [0, 0xffff], [0xd800, 0xdfff], [0x10000, 0x10ffff]];

function randomText(): string {
  if (random() < 0.3) return pick(nasty);
  const [low, high] = pick(codePointRanges);
  const length = random() < 0.1 ? int(100, 400) : int(1, 20);
  // Code units, not code points, below 0x10000: lone surrogates are part of the test.
  const text = Array.from({ length }, () => { const point = int(low, high); return point > 0xffff ? String.fromCodePoint(point) : String.fromCharCode(point); }).join('');
  return random() < 0.2 ? `${pick(nasty)}${text}` : text;
}

/** A JSON value for a field: mostly text, sometimes the wrong type altogether. */
const randomValue = (): unknown => (random() < 0.85 ? randomText() : pick([null, 0, -1, 1.5, true, [], ['a'], {}, JSON.parse('{"__proto__": "x"}'), 1e308]));

const years = [0, 1, 999, 1899, 1969, 1999, 2000, 2026, 2100, 2101, 9999, 10000, 99999, 275760, 275761, -1, -271821];
function randomDate(): string {
  const year = random() < 0.7 ? pick(years) : int(-300000, 300000);
  const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');
  const signed = year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(year, 6)}`;
  const day = `${signed}-${pad(int(0, 13), 2)}-${pad(int(0, 32), 2)}`;
  switch (int(0, 5)) {
    case 0: return day;
    case 1: return `${day}T${pad(int(0, 25), 2)}:${pad(int(0, 61), 2)}:00${pick(['Z', '+01:00', '-14:00', '+99:00', '', '.123456789Z'])}`;
    case 2: return `${pad(year, 4)}-${pad(int(1, 12), 2)}-${pad(int(1, 28), 2)}`;
    case 3: return String(year);
    case 4: return randomText();
    default: return pick(['now', '2026-W48-1', '2026-327', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '9999-12-31', '0000-01-01', '2026-11-23T09:00:00Z']);
  }
}
const randomStaff = () => (random() < 0.5 ? String(int(-5, 5)) : pick(['99999999999999', '2147483647', '2147483648', '1.5', 'abc', '', '1e3', '0x10', ' 1', randomText()]));

/** Every byte percent-encoded, so any text (lone surrogates too) survives the trip; sometimes raw junk instead. */
function query(params: Record<string, string | undefined>): string {
  const encode = (text: string) => [...Buffer.from(text)].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
  const parts = Object.entries(params).flatMap(([key, value]) => (value === undefined ? [] : [`${key}=${encode(value)}`]));
  if (random() < 0.1) parts.push(pick(['from=%ZZ', 'to=%', 'from=%E0%A4%A', 'from=a&from=b', 'staff[]=1', '__proto__=1', 'constructor=x']));
  return parts.length ? `?${parts.join('&')}` : '';
}
const maybe = (make: () => string) => (random() < 0.8 ? make() : undefined);

test('a few hundred random usernames, roles and dates: never a 5xx', async () => {
  const auth = await asManager();
  for (let round = 0; round < 150; round++) {
    const username = random() < 0.2 ? pick(['manager', 'Manager', ` manager `, 'user.name+tag@x']) : randomValue();
    const password = random() < 0.3 ? 'Passw0rd-long-enough' : randomValue();
    const role = random() < 0.3 ? pick(['Manager', 'Employee', 'staff', 'EMPLOYEE']) : randomValue();
    const dates = { from: maybe(randomDate), to: maybe(randomDate) };
    const requests: [string, string, unknown?][] = [
      ['POST', '/api/token/', { username, password }],
      ['POST', '/api/auth/login', { username, password }],
      // Often a username and password that pass, so the role is what the server has to judge.
      ['POST', '/api/register/', { username: random() < 0.5 ? `user${round}` : username, password: random() < 0.5 ? 'Passw0rd-long-enough' : password, role }],
      ['GET', `/api/attendance/${query({ ...dates, staff: maybe(randomStaff) })}`],
      ['GET', `/api/roster/${query({ ...dates, staff: maybe(randomStaff) })}`],
      ['GET', `/api/timesheets.csv${query(dates)}`],
    ];
    const replies = await Promise.all(requests.map(([method, path, body]) => ctx.client.request(method, path, body, auth)));
    for (const [index, reply] of replies.entries()) {
      const [method, path, body] = requests[index]!;
      const what = `seed ${seed}, round ${round}: ${method} ${path} ${JSON.stringify(body) ?? ''}`;
      assert.ok(reply.status < 500, `${what} → ${reply.status} ${reply.text}`);
      if (reply.status >= 400) assertError(reply, reply.status);
    }
  }
});

test.run();
