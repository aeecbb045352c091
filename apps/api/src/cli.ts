import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DomainError, ROLES, STREET_SOURCES, StaffCreateSchema, isLocalUrl, type StreetSource } from '@groundswell/core';
import { connect, createStaff, importAreas, insertApiKey, pgliteDir, pgliteInUse, recordAudit, type Database } from '@groundswell/db';
import { removeDemo } from '@groundswell/db/demo';
import { loadConfig, type Config } from './config.ts';
import { createLogger, loadDemoData } from './start.ts';
import { removeDemoStaff } from './staff/demo-staff.ts';
import { hashPassword } from './staff/passwords.ts';
import { areaFeatures } from './staff/area-import.ts';
import { newApiKey } from './staff/api-keys.ts';
import { importGazetteer } from './listening/import-gazetteer.ts';
import { importStreets } from './streets/import-streets.ts';
import { systemClock } from './deps.ts';
import { DiskStorage } from './storage/storage.ts';
import { backup } from './ops/backup.ts';
import { restore } from './ops/restore.ts';
import { verifyArchive } from './ops/verify-archive.ts';

const USAGE = `Usage: pnpm cli <command> [options]

Commands:
  demo                         load the demo data (Carse of Gowrie) and its staff accounts
  demo remove                  take the demo out again: its reports, network, places, and accounts
  migrate                      apply database migrations and exit
  staff create --email E --name N --role officer|admin [--team CODE ...] [--password P]
                               create a staff account (a password is generated and printed if not given)
  areas import FILE --kind K [--name-property P] [--code-property C]
                               import area boundaries from a GeoJSON FeatureCollection; all or nothing
  apikey create --name N       create an API key for another system (printed once)
  import-gazetteer FILE [--format os-open-names|geojson] [--replace]
                               add place, street and postcode names for the listening inbox's geoparser:
                               OS Open Names CSV (British National Grid) or an OSM GeoJSON extract;
                               --replace first removes the names of the kinds imported
  import-streets FILE [--source usrn|osm]
                               import a street register from a GeoJSON FeatureCollection of lines (OS Open
                               USRN: usrn, name; OSM ways: name, @id or osm_id; see docs/streets.md); all or
                               nothing; then every report takes its nearest street within 50 m
  backup [--out FILE] [--force]
                               back up the database and the photos under DATA_DIR into one .tar file;
                               on PostgreSQL while the server runs, on the embedded database with it stopped
  backup verify FILE           check a backup's manifest and the sha256 of every part, without restoring
  restore FILE [--replace]     restore a backup into an empty database (--replace wipes the current one
                               first), migrate it, write the photos and check them against the backup
                               (see docs/operations.md)
`;

class UsageError extends Error {}

type Command = (database: Database, args: string[], log: ReturnType<typeof createLogger>, config: Config) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  async migrate(_db, _args, log) {
    log.info('migrations applied');
  },
  async demo(database, _args, log, config) {
    // From the command line the operator asked for it; only a local embedded database gets the README's password.
    const local = database.kind === 'pglite' && isLocalUrl(config.publicUrl);
    await loadDemoData(database, local ? 'published' : 'generated', log);
  },
  async 'demo remove'(database, _args, log) {
    const removed = await removeDemo(database);
    const staff = await removeDemoStaff(database, new Date());
    if (!removed) process.stdout.write(`No demo data is loaded${staff ? `; disabled ${staff} demo staff accounts` : ''}.\n`);
    else {
      log.info({ ...removed, staffDisabled: staff }, 'demo data removed');
      process.stdout.write(
        `Removed the demo: ${removed.reports} reports, ${removed.assets} network segments, ${removed.places} places, ${removed.templates} templates, ${removed.categories} categories, ${removed.areas} areas, ${removed.teams} teams; disabled ${staff} demo staff accounts.\n` +
          (removed.kept.categories + removed.kept.areas + removed.kept.teams
            ? `Kept ${removed.kept.categories} categories, ${removed.kept.areas} areas and ${removed.kept.teams} teams that your own data uses.\n`
            : ''),
      );
    }
  },
  async 'staff create'(database, args) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, team: { type: 'string', multiple: true }, password: { type: 'string' } },
    });
    const generated = !values.password;
    const password = values.password ?? newApiKey().key.slice(3, 23);
    const parsed = StaffCreateSchema.safeParse({ email: values.email, name: values.name, role: values.role, teams: values.team ?? [], password });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}${i.path[0] === 'role' ? ` (${ROLES.join(' or ')})` : ''}`).join('\n'));
    const s = parsed.data;
    const result = await createStaff(database, { email: s.email, name: s.name, role: s.role, teamCodes: s.teams, passwordHash: await hashPassword(s.password) });
    if ('unknownTeams' in result) throw new UsageError(`Unknown team: ${result.unknownTeams.join(', ')}`);
    await recordAudit(database, { staffId: null, action: 'staff_created', targetType: 'staff', targetId: result.id, payload: { email: s.email, role: s.role, via: 'cli' }, at: new Date() });
    process.stdout.write(`Created ${s.role} ${s.email}${generated ? ` with password: ${password}` : ''}\n`);
  },
  async 'areas import'(database, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { kind: { type: 'string' }, 'name-property': { type: 'string', default: 'name' }, 'code-property': { type: 'string' } },
    });
    const [file] = positionals;
    if (!file || !values.kind) throw new UsageError('areas import needs a FILE and --kind');
    const geojson = JSON.parse(await readFile(file, 'utf8')) as { type?: string; features?: Array<{ properties: Record<string, unknown> | null; geometry: unknown }> };
    if (geojson.type !== 'FeatureCollection' || !Array.isArray(geojson.features)) throw new UsageError(`${file} is not a GeoJSON FeatureCollection`);
    const result = await importAreas(database, values.kind, areaFeatures(geojson.features, values['name-property']!, values['code-property']));
    if (result.problems.length) {
      throw new UsageError(`Nothing imported; ${result.problems.length} feature(s) need fixing:\n${result.problems.map((p) => `  feature ${p.index} (${p.name}): ${p.message}`).join('\n')}`);
    }
    process.stdout.write(`Imported ${result.imported} ${values.kind} area(s)\n`);
  },
  async 'import-gazetteer'(database, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { format: { type: 'string' }, replace: { type: 'boolean', default: false } } });
    const [file] = positionals;
    if (!file) throw new UsageError('import-gazetteer needs a FILE');
    const format = values.format ?? (/\.csv$/i.test(file) ? 'os-open-names' : 'geojson');
    if (format !== 'os-open-names' && format !== 'geojson') throw new UsageError('--format is os-open-names or geojson');
    const { imported } = await importGazetteer({ database, clock: systemClock }, null, { format, data: await readFile(file, 'utf8'), replace: values.replace ?? false });
    process.stdout.write(`Imported ${imported} name(s) into the gazetteer\n`);
  },
  async 'import-streets'(database, args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { source: { type: 'string', default: 'usrn' } } });
    const [file] = positionals;
    if (!file) throw new UsageError('import-streets needs a FILE');
    if (!STREET_SOURCES.includes(values.source as StreetSource)) throw new UsageError('--source is usrn or osm');
    const geojson = JSON.parse(await readFile(fromCaller(file), 'utf8')) as { type?: string; features?: Array<{ properties?: Record<string, unknown> | null; geometry?: unknown }> };
    if (geojson.type !== 'FeatureCollection' || !Array.isArray(geojson.features) || !geojson.features.length) throw new UsageError(`${file} is not a GeoJSON FeatureCollection with features`);
    try {
      const r = await importStreets({ database, clock: systemClock }, null, { source: values.source as StreetSource, features: geojson.features });
      process.stdout.write(`Imported ${r.imported} street(s); ${r.reportsUpdated} report(s) took a new nearest street\n`);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      throw new Error(`${err.message}:\n${err.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}`);
    }
  },
  async 'apikey create'(database, args) {
    const { values } = parseArgs({ args, options: { name: { type: 'string' } } });
    if (!values.name) throw new UsageError('apikey create needs --name');
    const k = newApiKey();
    await insertApiKey(database, { name: values.name, prefix: k.prefix, keyHash: k.keyHash, createdBy: null });
    process.stdout.write(`API key for ${values.name} (shown once, keep it safe):\n${k.key}\n`);
  },
};

/** Commands that open the database themselves: backup must not migrate, restore starts from nothing. */
type OwnCommand = (args: string[], config: Config) => Promise<void>;

/** Relative to where the operator ran `pnpm cli`, not apps/api where pnpm runs the script. */
const fromCaller = (path: string) => (isAbsolute(path) ? path : resolve(process.env.INIT_CWD ?? process.cwd(), path));

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

const OWN_DATABASE: Record<string, OwnCommand> = {
  async backup(args, config) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' }, force: { type: 'boolean', default: false } } });
    const engine = config.databaseUrl ? 'postgres' : 'pglite';
    if (engine === 'pglite' && pgliteInUse(config.dataDir) && !values.force) {
      throw new Error(
        `${pgliteDir(config.dataDir)} is open (postmaster.pid): stop the server first; the embedded database has one process.\n` +
          'If no server is running (it was killed), start and stop it once, or pass --force.',
      );
    }
    const file = fromCaller(values.out ?? `groundswell-${engine}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}.tar`);
    const database = await connect(config.databaseUrl ? { databaseUrl: config.databaseUrl, maxConnections: 2 } : { dataDir: config.dataDir });
    try {
      const m = await backup({ database, storage: new DiskStorage(config.dataDir), clock: systemClock }, { file });
      const photoBytes = m.files.reduce((n, f) => n + f.bytes, 0);
      process.stdout.write(
        `Backed up ${m.engine} (migration ${m.migration?.tag ?? 'none'}): ${m.counts.reports} reports, ${m.counts.events} events, ${m.counts.photos} photos ` +
          `(database ${MB(m.database.bytes)}, ${m.files.length} photo files ${MB(photoBytes)})\nto ${file}\n` +
          (m.missingFiles.length ? `WARNING: ${m.missingFiles.length} photo files named by the database were not in storage: ${m.missingFiles.slice(0, 5).join(', ')}\n` : ''),
      );
    } finally {
      await database.close();
    }
  },
  async 'backup verify'(args) {
    const [file] = args;
    if (!file) throw new UsageError('backup verify needs a FILE');
    const { manifest: m } = await verifyArchive(fromCaller(file));
    process.stdout.write(
      `${file} is sound: ${m.engine} backup of ${m.createdAt}, migration ${m.migration?.tag ?? 'none'}, ${m.counts.reports} reports, ${m.counts.events} events, ${m.counts.photos} photos, ${m.files.length} photo files; every sha256 matches.\n`,
    );
  },
  async restore(args, config) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { replace: { type: 'boolean', default: false } } });
    const [file] = positionals;
    if (!file) throw new UsageError('restore needs a FILE');
    const target = config.databaseUrl ? { kind: 'postgres' as const, url: config.databaseUrl } : { kind: 'pglite' as const, dataDir: config.dataDir };
    const r = await restore({ storage: new DiskStorage(config.dataDir) }, { file: fromCaller(file), target, replace: values.replace });
    try {
      const m = r.manifest;
      process.stdout.write(
        `Restored the ${m.engine} backup of ${m.createdAt} (migration ${m.migration?.tag ?? 'none'}, now ${r.restored.migration?.tag ?? 'none'}):\n` +
          `  ${r.restored.counts.reports} reports, ${r.restored.counts.events} events, ${r.restored.counts.photos} photos, as in the backup\n` +
          `  ${r.photoFilesWritten} photo files written to ${config.dataDir}, ${r.photoFilesChecked} checked against their sha256\n` +
          (r.movedAside ? `  the database that was there is kept in ${r.movedAside}; delete it once you are satisfied\n` : ''),
      );
    } finally {
      await r.database.close();
    }
  },
};

/** Non-interactive admin tasks; each opens the configured database, works, and closes it. */
async function main(argv: string[]) {
  const two = argv.slice(0, 2).join(' ');
  const name = COMMANDS[two] || OWN_DATABASE[two] ? two : argv[0];
  const own = name ? OWN_DATABASE[name] : undefined;
  if (own) {
    await own(argv.slice(name!.split(' ').length), loadConfig());
    return;
  }
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    process.stdout.write(USAGE);
    if (name && name !== 'help' && name !== '--help') process.exitCode = 2;
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config);
  const database = await connect(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    await database.migrate();
    await command(database, argv.slice(name!.split(' ').length), logger, config);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof UsageError ? `${err.message}\n\n${USAGE}` : err instanceof Error ? err.message : err);
  process.exit(1);
});
