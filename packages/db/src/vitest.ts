import { inject } from 'vitest';
import type { ConnectOptions } from './connect.ts';
import { openTestDatabase } from './testing.ts';

/** A fresh migrated database for the calling test file (see testing.ts). */
export function testDatabase(options: Pick<ConnectOptions, 'onQuery'> = {}) {
  return openTestDatabase(inject('dbTemplate'), undefined, options);
}
