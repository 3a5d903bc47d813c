/**
 * Paths inside the project folder, whether this code runs from its
 * TypeScript source (tests, tsx) or from the compiled `dist/`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the project folder (no package.json above this file).');
    dir = parent;
  }
  return dir;
}

const projectRoot = findProjectRoot();

export function projectPath(...segments: string[]): string {
  return path.join(projectRoot, ...segments);
}
