import { loadConfig } from './config.ts';
import { createLogger } from './start.ts';
import { connect, loadDemo } from '@groundswell/db';
import { loadDemoStaff } from './staff/demo-staff.ts';

const USAGE = `Usage: pnpm cli <command>

Commands:
  demo      load the demo data (Carse of Gowrie) into the configured database
  migrate   apply database migrations and exit
`;

/** Non-interactive admin tasks; each opens the configured database, works, and closes it. */
async function main(argv: string[]) {
  const [command] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return;
  }
  const config = loadConfig();
  const logger = createLogger(config);
  const database = await connect(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    await database.migrate();
    switch (command) {
      case 'migrate':
        logger.info('migrations applied');
        break;
      case 'demo': {
        const summary = await loadDemo(database, { now: new Date() });
        const staff = await loadDemoStaff(database);
        logger.info({ ...summary, staff }, 'demo data loaded');
        break;
      }
      default:
        process.stderr.write(`Unknown command "${command}"\n\n${USAGE}`);
        process.exitCode = 2;
    }
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
