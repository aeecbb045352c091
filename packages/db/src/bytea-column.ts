import { customType } from 'drizzle-orm/pg-core';

/** A bytea column (cached tile bodies); both drivers hand back bytes, the caller normalises. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType() {
    return 'bytea';
  },
});
