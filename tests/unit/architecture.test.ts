/**
 * The layout rules of STYLE.md, checked on the source itself: features
 * depend on each other one way only, HTTP errors are raised only at the
 * HTTP edge, and database queries live only in `*.queries.ts`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serverDir = path.join(root, 'server');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

type Import = { from: string; target: string; typeOnly: boolean };

/** Every relative `import … from '…'` and `export … from '…'`, resolved to a path under the project. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gms)) {
    const specifier = match[2]!;
    const target = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts') : specifier;
    found.push({ from: file, target, typeOnly: Boolean(match[1]) });
  }
  return found;
}

const files = sourceFiles(serverDir);
const imports = files.flatMap(importsOf);
const relative = (file: string) => path.relative(root, file);

/** `server/<feature>/…` → feature; files at the root of `server/` and in `server/http/` are shared infrastructure. */
function featureOf(file: string): string | undefined {
  const parts = path.relative(serverDir, file).split(path.sep);
  return parts.length > 1 && parts[0] !== 'http' ? parts[0] : undefined;
}

test('the source files are found (a broken path would make every other check vacuous)', () => {
  assert.ok(files.length > 50, `only ${files.length} server files found`);
  assert.ok(imports.length > 200, `only ${imports.length} imports found`);
});

test('no feature imports a feature that imports it back, directly or through others', () => {
  const edges = new Map<string, Set<string>>();
  const examples = new Map<string, string>();
  for (const { from, target } of imports) {
    const a = featureOf(from);
    const b = target.startsWith(serverDir) ? featureOf(target) : undefined;
    if (!a || !b || a === b) continue;
    (edges.get(a) ?? edges.set(a, new Set()).get(a)!).add(b);
    examples.set(`${a}→${b}`, `${relative(from)} imports ${relative(target)}`);
  }
  assert.ok(edges.size >= 8, `only ${edges.size} features import others`);
  const cycles: string[] = [];
  const visit = (node: string, trail: string[]) => {
    for (const next of edges.get(node) ?? []) {
      const at = trail.indexOf(next);
      if (at !== -1) {
        const loop = [...trail.slice(at), next];
        cycles.push(loop.map((f, i) => (i < loop.length - 1 ? examples.get(`${f}→${loop[i + 1]}`) : '')).filter(Boolean).join('; '));
      } else visit(next, [...trail, next]);
    }
  };
  for (const feature of edges.keys()) visit(feature, [feature]);
  assert.deepEqual([...new Set(cycles)], []);
});

test('HTTP errors are raised only in routes, middleware and the HTTP layer; the rest raise domain errors', () => {
  const edge = (file: string) =>
    file.endsWith('.routes.ts') || file.startsWith(path.join(serverDir, 'http') + path.sep) || file === path.join(serverDir, 'app.ts') || file === path.join(serverDir, 'auth', 'authenticate.ts');
  const offenders = imports.filter((i) => i.target === path.join(serverDir, 'http', 'errors.ts') && !edge(i.from)).map((i) => relative(i.from));
  assert.deepEqual(offenders, []);
  const thrown = files.filter((file) => !edge(file) && /\bnew AppError\(|\bthrow (badRequest|forbidden|notFound|conflict|unauthorized)\(/.test(readFileSync(file, 'utf8')));
  assert.deepEqual(thrown.map(relative), []);
});

test('database queries live only in *.queries.ts: nothing else imports drizzle-orm or the tables', () => {
  const queryFile = (file: string) => file.endsWith('.queries.ts');
  const offenders = imports
    .filter((i) => !queryFile(i.from) && (i.target === 'drizzle-orm' || (!i.typeOnly && i.target === path.join(root, 'storage', 'schema.ts'))))
    .map((i) => `${relative(i.from)} imports ${i.target.startsWith(root) ? relative(i.target) : i.target}`);
  assert.deepEqual(offenders, []);
});

test.run();
