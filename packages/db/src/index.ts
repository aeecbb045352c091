export * as schema from './schema.ts';
export * from './connect.ts';
export { geometry } from './geometry-column.ts';
export * from './reports.ts';
export * from './categories.ts';
export * from './site.ts';
export * from './report-writes.ts';
export * from './rate-limits.ts';
export { sql } from 'drizzle-orm';
