/**
 * Writes the API descriptions the app serves, `/api/openapi.json` and the OGC API's
 * `/ogc/api`, into a folder as `api.json` and `ogc.json`, for `pnpm lint:openapi`. It builds
 * the app with `createApp`, exactly as the server does, and asks it for each document: no
 * database, storage, mailer or job queue is opened, since producing them reads none.
 *
 *   node --import tsx src/docs/dump-openapi.ts <folder>   (from apps/api)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { type AppDeps, systemClock } from '../deps.ts';

/** A dependency the documents must not touch: using it fails loudly instead of hanging. */
const unused = (name: string) =>
  new Proxy(
    {},
    {
      get() {
        throw new Error(`dump-openapi: producing the OpenAPI documents must not need the ${name}`);
      },
    },
  );

const folder = process.argv[2];
if (!folder) throw new Error('usage: dump-openapi.ts <folder>');
const deps = {
  database: unused('database'),
  config: testConfig({ publicUrl: 'https://groundswell.example' }),
  logger: pino({ level: 'silent' }),
  clock: systemClock,
  storage: unused('storage'),
  mailer: unused('mailer'),
  jobs: unused('jobs'),
} as unknown as AppDeps;
const app = createApp(deps);

mkdirSync(folder, { recursive: true });
for (const [file, path] of [
  ['api.json', '/api/openapi.json'],
  ['ogc.json', '/ogc/api'],
] as const) {
  const res = await app.request(path);
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  writeFileSync(join(folder, file), `${JSON.stringify(await res.json(), null, 2)}\n`);
}
