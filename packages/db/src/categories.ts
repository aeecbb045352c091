import { asc, eq } from 'drizzle-orm';
import type { Category } from '@groundswell/core';
import type { Database } from './connect.ts';
import { categories } from './schema.ts';

export type CategoryRow = typeof categories.$inferSelect;

/** Whether any category exists, active or not: a database without one has never been set up. */
export async function hasCategories(database: Database): Promise<boolean> {
  const [any] = await database.db.select({ id: categories.id }).from(categories).limit(1);
  return any !== undefined;
}

export async function listActiveCategories(database: Database): Promise<CategoryRow[]> {
  return database.db.select().from(categories).where(eq(categories.active, true)).orderBy(asc(categories.sortOrder), asc(categories.code));
}

export async function findCategory(database: Database, code: string): Promise<CategoryRow | undefined> {
  const [row] = await database.db.select().from(categories).where(eq(categories.code, code));
  return row;
}

/** The public shape of a category: what the form and Open311 service definitions are built from. */
export function toCategory(row: CategoryRow): Category {
  return {
    code: row.code,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    ...(row.group ? { group: row.group } : {}),
    icon: row.icon,
    color: row.color,
    geometryTypes: row.geometryTypes,
    questions: row.questions,
    responseDays: row.responseDays,
    contactRequired: row.contactRequired,
  };
}
