import { inject } from 'vitest';
import { openTestDatabase } from './testing.ts';

/** A fresh migrated database for the calling test file (see testing.ts). */
export function testDatabase() {
  return openTestDatabase(inject('dbTemplate'));
}
