/**
 * `npm run create-manager`: creates a manager account from a terminal, for a
 * new install or when every manager has lost their password.
 *
 *   npm run create-manager                     asks for the username and password
 *   npm run create-manager -- --username boss  asks for the password only
 *
 * With the embedded database the server must be stopped first (one process
 * owns DATA_DIR at a time).
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { systemClock } from '../clock.js';
import { readEnv } from '../env.js';
import { ledgerTransaction } from '../ledger/ledger.queries.js';
import { openStorage } from '../open-storage.js';
import { hashPassword } from './password.js';
import { findUserByUsername, insertUser } from './users.queries.js';

const usernamePattern = /^[\w.@+-]{1,150}$/;

/** One readline for every question: piped input arrives at once, and a second reader would miss it. */
function createPrompter() {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question: string, hidden = false): Promise<string> {
      process.stdout.write(question);
      muted = hidden && Boolean(process.stdin.isTTY);
      const next = await lines.next();
      if (muted) process.stdout.write('\n');
      muted = false;
      if (next.done) throw new Error('No answer given (input ended).');
      return String(next.value).trim();
    },
    close: () => rl.close(),
  };
}

async function main() {
  const { values } = parseArgs({ options: { username: { type: 'string' } } });
  const env = readEnv();
  const prompter = createPrompter();
  const username = values.username ?? (await prompter.ask('Manager username: '));
  if (!usernamePattern.test(username)) throw new Error('The username may contain only letters, digits and @ . + - _ (at most 150).');
  const password = await prompter.ask('Password (at least 8 characters): ', true);
  prompter.close();
  if (password.length < 8 || password.length > 256) throw new Error('The password must be 8 to 256 characters long.');

  const passwordHash = await hashPassword(password);
  const { database } = await openStorage(env);
  try {
    const user = await ledgerTransaction(database.db, async (tx) => {
      if (await findUserByUsername(tx, username)) throw new Error(`The username "${username}" is already taken.`);
      // Whoever runs this has the server's storage, not an account: the ledger names the system.
      return insertUser(tx, { username, passwordHash, role: 'manager' }, { actor: { kind: 'system' }, at: systemClock.now(), via: 'command_line' });
    });
    process.stdout.write(`Created manager "${user.username}" (id ${user.id}). Sign in at /app or get a token from POST /api/token/.\n`);
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  process.stderr.write(`create-manager: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
