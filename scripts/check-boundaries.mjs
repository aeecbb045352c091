#!/usr/bin/env node
// Import boundaries Biome's noRestrictedImports cannot express (see biome.jsonc for the rest):
//  1. the web app may import types, never values, from @groundswell/core and @groundswell/core/schemas
//     (Biome treats `import type` like any import; values would pull zod into the browser bundle);
//  2. @groundswell/core/rules stays zod-free: nothing it loads at runtime imports zod;
//  3. one timeline writer: only packages/db/src/timeline.ts inserts into report_events;
//  4. no import cycles at run time (type-only and lazy `import()` aside): in a cycle, a module
//     can read another's constants before they exist (an SQL fragment built from `undefined`).
// Usage: node scripts/check-boundaries.mjs   (exits 1 and lists every violation)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const rel = (f) => relative(root, f).split('\\').join('/');
const problems = [];

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Every import, re-export and dynamic import in a file, with whether it survives compilation. */
function imports(file) {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found = [];
  const line = (node) => source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      // `import { type A }` still loads the module under verbatimModuleSyntax; only `import type` is erased.
      found.push({ spec: node.moduleSpecifier.text, typeOnly: !!node.importClause?.isTypeOnly, line: line(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ spec: node.moduleSpecifier.text, typeOnly: node.isTypeOnly, line: line(node) });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      found.push({ spec: node.arguments[0].text, typeOnly: false, dynamic: true, line: line(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { text, found };
}

// 1. Web: types only from core's zod entries.
const zodEntries = new Set(['@groundswell/core', '@groundswell/core/schemas']);
for (const file of walk(join(root, 'apps/web/src'))) {
  for (const i of imports(file).found) {
    if (zodEntries.has(i.spec) && !i.typeOnly) {
      problems.push(`${rel(file)}:${i.line}: value import from '${i.spec}' in the web app; use '@groundswell/core/rules' (or \`import type\` for types)`);
    }
  }
}

// 2. Core's rules entry loads no zod at runtime.
function resolveLocal(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}
const rulesEntry = join(root, 'packages/core/src/rules.ts');
if (existsSync(rulesEntry)) {
  const seen = new Map([[rulesEntry, null]]);
  const queue = [rulesEntry];
  while (queue.length) {
    const file = queue.shift();
    for (const i of imports(file).found) {
      if (i.typeOnly) continue;
      if (i.spec === 'zod' || i.spec.startsWith('zod/') || zodEntries.has(i.spec)) {
        const chain = [];
        for (let f = file; f; f = seen.get(f)) chain.unshift(rel(f));
        problems.push(`${rel(file)}:${i.line}: '${i.spec}' is loaded by @groundswell/core/rules (${chain.join(' -> ')}); the rules entry must stay zod-free`);
      } else if (i.spec.startsWith('.')) {
        const target = resolveLocal(file, i.spec);
        if (target && !seen.has(target)) {
          seen.set(target, file);
          queue.push(target);
        }
      }
    }
  }
}

// 3. One timeline writer. Tests, bench and demo seeding write fixtures directly and are exempt.
const timeline = join(root, 'packages/db/src/timeline.ts');
const insertEvents = /insert\s+into\s+report_events\b|\.insert\(\s*(schema\.)?reportEvents\b/i;
for (const dir of ['apps/api/src', 'apps/web/src', 'packages/core/src', 'packages/db/src']) {
  for (const file of walk(join(root, dir))) {
    if (file === timeline || rel(file).startsWith('packages/db/src/demo/')) continue;
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((l, n) => {
      if (insertEvents.test(l)) problems.push(`${rel(file)}:${n + 1}: writes report_events directly; go through addEvent in packages/db/src/timeline.ts`);
    });
  }
}

// 4. No runtime import cycles (Tarjan's strongly connected components over static value imports).
const graph = new Map();
for (const dir of ['apps/api/src', 'apps/web/src', 'packages/core/src', 'packages/db/src', 'packages/db/demo']) {
  for (const file of walk(join(root, dir))) {
    const local = imports(file).found.filter((i) => !i.typeOnly && !i.dynamic && i.spec.startsWith('.'));
    graph.set(file, local.map((i) => resolveLocal(file, i.spec)).filter(Boolean));
  }
}
{
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const connect = (v) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(rel(w));
      } while (w !== v);
      if (component.length > 1) problems.push(`import cycle: ${component.sort().join(' <-> ')}; move what they share into a module of its own`);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
}

if (problems.length) {
  console.error(`Boundary check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('Boundary check passed: web imports only types from core schemas, core/rules is zod-free, one timeline writer, no import cycles.');
