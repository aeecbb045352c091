import type { PGlite } from '@groundswell/db';

/**
 * pg-boss talks to PGlite through its custom `db` option. pg-boss sends several
 * statements at once when it has no parameters, which a prepared statement refuses, so
 * those go through `exec`; everything else through `query`.
 */
export function pgliteBossDb(client: PGlite) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values?.length) return client.query(text, values as unknown[]);
      const results = await client.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
  };
}
