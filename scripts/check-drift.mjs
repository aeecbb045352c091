#!/usr/bin/env node
// Fails when packages/db/src/schema.ts and the committed migrations in drizzle/ disagree, i.e. when
// someone changed the schema without running `pnpm db:generate` (or edited a generated file by hand).
// Runs `drizzle-kit generate` against a temporary copy of drizzle/, so it needs no database and
// never touches the working tree.
// Usage: node scripts/check-drift.mjs [--schema path/to/schema.ts]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dbPackage = join(root, 'packages/db');
const migrations = join(root, 'drizzle');
const schemaArg = process.argv.indexOf('--schema');
const schema = schemaArg > 0 ? resolve(process.argv[schemaArg + 1]) : join(dbPackage, 'src/schema.ts');
const drizzleKit = join(dbPackage, 'node_modules/.bin/drizzle-kit');
if (!existsSync(drizzleKit)) {
  console.error(`drizzle-kit is not installed at ${relative(root, drizzleKit)}: run pnpm install first`);
  process.exit(2);
}

function files(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p, base) : [relative(base, p)];
  });
}

const work = mkdtempSync(join(tmpdir(), 'drizzle-drift-'));
try {
  const out = join(work, 'drizzle');
  cpSync(migrations, out, { recursive: true });
  // drizzle-kit prefixes `schema` and `out` with './', so both must be relative to its working directory.
  const config = join(work, 'drizzle.config.mjs');
  writeFileSync(config, `export default ${JSON.stringify({ dialect: 'postgresql', schema: relative(dbPackage, schema), out: relative(dbPackage, out) })};\n`);
  // stdin closed: a rename or drop makes drizzle-kit ask a question, which must fail here, not hang.
  const run = spawnSync(drizzleKit, ['generate', '--config', config], { cwd: dbPackage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
  const log = `${run.stdout ?? ''}${run.stderr ?? ''}`;

  const before = new Set(files(migrations));
  const after = files(out);
  const added = after.filter((f) => !before.has(f));
  const changed = after.filter((f) => before.has(f) && !readFileSync(join(out, f)).equals(readFileSync(join(migrations, f))));
  const clean = /No schema changes, nothing to migrate/.test(log);

  if (run.status === 0 && clean && added.length === 0 && changed.length === 0) {
    console.log('No migration drift: drizzle/ matches packages/db/src/schema.ts.');
  } else {
    console.error('Migration drift: drizzle-kit generate would change drizzle/. Run `pnpm db:generate` and commit the result.');
    for (const f of added) console.error(`  new ${f}`);
    for (const f of changed) console.error(`  changed ${f}`);
    for (const f of added.filter((f) => f.endsWith('.sql'))) console.error(`\n-- ${f}\n${readFileSync(join(out, f), 'utf8')}`);
    if (!clean || run.status !== 0) console.error(`\ndrizzle-kit (exit ${run.status ?? run.signal}):\n${log.trim()}`);
    process.exitCode = 1;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
