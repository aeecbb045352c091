import { sql } from 'drizzle-orm';
import type { Database } from './connect.ts';
import { tsParam } from './sql-kit.ts';

/** Stores a new API key by its hash; the key itself is shown once to whoever created it. */
export async function insertApiKey(database: Database, key: { name: string; prefix: string; keyHash: string; createdBy?: string | null }): Promise<{ id: string }> {
  const [row] = await database.rows<{ id: string }>(sql`
    insert into api_keys (name, prefix, key_hash, created_by) values (${key.name}, ${key.prefix}, ${key.keyHash}, ${key.createdBy ?? null})
    returning id`);
  return row!;
}

export async function listApiKeys(database: Database) {
  return database.rows(sql`select id, name, prefix, created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt" from api_keys order by created_at desc`);
}

export async function revokeApiKey(database: Database, id: string, at: Date): Promise<boolean> {
  const rows = await database.rows(sql`update api_keys set revoked_at = coalesce(revoked_at, ${tsParam(at)}) where id = ${id} returning id`);
  return rows.length > 0;
}
