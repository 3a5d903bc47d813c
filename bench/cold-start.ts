/**
 * Cold `npm start` to the first answered request: a new DATA_DIR (the
 * embedded database is created and migrated), then a restart on the same
 * folder. Run `npm run build` first; this starts the compiled server.
 *
 *   node --import tsx bench/cold-start.ts
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exitOf } from '../tests/helpers/server-process.js';

const port = 3900 + Math.floor(Math.random() * 90);

async function timeToFirstAnswer(dataDir: string): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/server/main.js'], { env, stdio: 'ignore' });
  try {
    // Polling is the measurement here: the first request that gets an answer.
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      const answered = await fetch(`http://127.0.0.1:${port}/api/auth/status`).then(
        (response) => response.ok,
        () => false,
      );
      if (answered) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await exitOf(child);
  }
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'rollcall-coldstart-'));
try {
  console.log(`new data folder (database created and migrated): ${(await timeToFirstAnswer(dataDir)).toFixed(2)} s`);
  console.log(`restart on the same folder:                      ${(await timeToFirstAnswer(dataDir)).toFixed(2)} s`);
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
