import { sql } from 'drizzle-orm';
import type { Database } from './connect.ts';

export interface TeamRow {
  id: number;
  code: string;
  name: string;
  names: Record<string, string>;
  email: string | null;
}

const COLUMNS = sql`id, code, name, names, email`;

/** A new team, or undefined when its code is taken (the code is unique). */
export async function insertTeam(database: Database, t: { code: string; name: string; names: Record<string, string>; email: string | null }): Promise<TeamRow | undefined> {
  const [row] = await database.rows<TeamRow>(sql`insert into teams (code, name, names, email)
    values (${t.code}, ${t.name}, ${JSON.stringify(t.names)}::jsonb, ${t.email})
    on conflict (code) do nothing returning ${COLUMNS}`);
  return row;
}

/** Changes only the fields given; `names` replaces the other-language names as a whole. */
export async function updateTeam(
  database: Database,
  id: number,
  t: { name?: string | undefined; names?: Record<string, string> | undefined; email?: string | null | undefined },
): Promise<TeamRow | undefined> {
  const [row] = await database.rows<TeamRow>(sql`update teams set
      name = coalesce(${t.name ?? null}, name),
      names = coalesce(${t.names === undefined ? null : JSON.stringify(t.names)}::jsonb, names),
      email = ${t.email === undefined ? sql`email` : sql`${t.email}`}
    where id = ${id} returning ${COLUMNS}`);
  return row;
}
