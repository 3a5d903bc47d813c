// One long-lived test process for tests/run.mjs, started as
// `node --import tsx tests/file-worker.mjs` with an IPC channel. It runs the
// uvu test files it is sent, one at a time, and answers each with that
// file's output and exit code, as if the file had run in its own process.
// What a file releases through tests/helpers/kept-between-files.ts (its
// database, its Chromium) is handed to the next file instead of being closed
// and opened again: that start-up is about a third of a browser file's CPU.
//
//   parent → worker   { file }    run this file
//                     { exit }    close what is kept, then exit
//   worker → parent   { file, output, code, ending }   (ending: it exits after this answer)
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// uvu then queues each file's suites for `exec` below instead of running them itself.
globalThis.UVU_DEFER = 1;
const { exec } = await import('uvu');

let output = '';
let current;
// Everything the file and uvu print is the file's output, answered with its result.
const capture = (chunk, encoding, callback) => {
  output += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  const done = typeof encoding === 'function' ? encoding : callback;
  if (typeof done === 'function') done();
  return true;
};
process.stdout.write = capture;
process.stderr.write = capture;

function answer(code, then, ending = false) {
  const message = { file: current, output, code, ending };
  output = '';
  current = undefined;
  process.send(message, then);
}

// A rejection nobody awaited, or a throw in a callback, would end a file's own
// process: it ends this one too, after saying which file it hit.
process.on('uncaughtException', (error) => {
  output += `\nUncaught error while running ${current ?? 'no file'}:\n${error?.stack ?? error}\n`;
  answer(1, () => process.exit(1), true);
});

process.on('message', async (message) => {
  if (message.exit) {
    const { closeKept } = await import('./helpers/kept-between-files.ts');
    await closeKept();
    process.exit(0);
  }
  current = message.file;
  globalThis.UVU_QUEUE = [[null]];
  process.exitCode = 0;
  try {
    await import(pathToFileURL(path.resolve(message.file)).href);
    await exec();
  } catch (error) {
    output += `\n${error?.stack ?? error}\n`;
    process.exitCode = 1;
  }
  const code = process.exitCode;
  process.exitCode = 0;
  answer(code);
});
