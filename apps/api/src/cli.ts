import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ROLES, StaffCreateSchema, isLocalUrl } from '@groundswell/core';
import { connect, createStaff, importAreas, insertApiKey, recordAudit, type Database } from '@groundswell/db';
import { removeDemo } from '@groundswell/db/demo';
import { loadConfig, type Config } from './config.ts';
import { createLogger, loadDemoData } from './start.ts';
import { removeDemoStaff } from './staff/demo-staff.ts';
import { hashPassword } from './staff/passwords.ts';
import { areaFeatures } from './staff/area-import.ts';
import { newApiKey } from './staff/api-keys.ts';

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
  async 'apikey create'(database, args) {
    const { values } = parseArgs({ args, options: { name: { type: 'string' } } });
    if (!values.name) throw new UsageError('apikey create needs --name');
    const k = newApiKey();
    await insertApiKey(database, { name: values.name, prefix: k.prefix, keyHash: k.keyHash, createdBy: null });
    process.stdout.write(`API key for ${values.name} (shown once, keep it safe):\n${k.key}\n`);
  },
};

/** Non-interactive admin tasks; each opens the configured database, works, and closes it. */
async function main(argv: string[]) {
  const two = argv.slice(0, 2).join(' ');
  const name = COMMANDS[two] ? two : argv[0];
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
