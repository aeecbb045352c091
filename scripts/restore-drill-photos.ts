/**
 * Part of the restore drill (scripts/restore-drill.sh): the demo has no photos, so this adds
 * some to its first reports, stored as a resident's upload is (re-encoded by the API's own
 * processPhoto, files first, then the row with its timeline event), without a server.
 * Usage (DATABASE_URL and DATA_DIR set): tsx scripts/restore-drill-photos.ts [REPORTS]
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { connect, insertPhoto } from '@groundswell/db';
import { sql } from '@groundswell/db/testing';
import { processPhoto } from '../apps/api/src/photos/process.ts';
import { DiskStorage } from '../apps/api/src/storage/storage.ts';

// sharp is the API's dependency; load the API's copy.
const sharp = createRequire(new URL('../apps/api/package.json', import.meta.url))('sharp') as typeof import('sharp');

const reports = Number(process.argv[2] ?? 8);
const { DATABASE_URL, DATA_DIR } = process.env;
if (!DATABASE_URL || !DATA_DIR) throw new Error('DATABASE_URL and DATA_DIR must be set');
const database = await connect({ databaseUrl: DATABASE_URL, maxConnections: 1 });
const storage = new DiskStorage(DATA_DIR);
try {
  const rows = await database.rows<{ id: number; public_id: string }>(sql`select id, public_id from reports order by id limit ${reports}`);
  let added = 0;
  for (const [i, r] of rows.entries()) {
    for (let n = 0; n < 1 + (i % 3); n++) {
      const source = await sharp({ create: { width: 320 + 40 * n, height: 240, channels: 3, background: { r: (37 * i) % 256, g: (91 * n) % 256, b: 120 } } })
        .jpeg()
        .toBuffer();
      const photo = await processPhoto(source);
      const id = randomUUID();
      const key = `photos/${r.public_id}/${id}`;
      await storage.put(`${key}-display.jpg`, photo.display.bytes, photo.contentType);
      await storage.put(`${key}-thumbnail.jpg`, photo.thumbnail.bytes, photo.contentType);
      const at = new Date();
      const ok = await insertPhoto(
        database,
        {
          id,
          reportId: Number(r.id),
          storageKey: key,
          contentType: photo.contentType,
          width: photo.display.width,
          height: photo.display.height,
          bytes: photo.display.bytes.byteLength,
          at,
          actorType: 'resident',
        },
        5,
      );
      if (ok) added += 1;
    }
  }
  process.stdout.write(`added ${added} photos to ${rows.length} reports\n`);
} finally {
  await database.close();
}
