import { sql } from 'drizzle-orm';
import type { Database } from './connect.ts';

/** Stores a new API key by its hash; the key itself is shown once to whoever created it. */
export async function insertApiKey(database: Database, key: { name: string; prefix: string; keyHash: string; createdBy?: string | null }): Promise<{ id: string }> {
  const [row] = await database.rows<{ id: string }>(sql`
    insert into api_keys (name, prefix, key_hash, created_by) values (${key.name}, ${key.prefix}, ${key.keyHash}, ${key.createdBy ?? null})
    returning id`);
  return row!;
}
