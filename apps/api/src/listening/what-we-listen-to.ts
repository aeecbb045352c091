import type { AppDeps } from '../deps.ts';
import { listRules } from './manage-keyword-rules.ts';
import { listSources } from './manage-sources.ts';

/**
 * "What we listen to" for every officer, read-only: each source's name, kind, whether it is on,
 * when it was last read and its last error, and the keyword rules. An officer who wonders why a
 * post never reached the inbox can see which rule or source is missing; the configuration
 * (addresses, accounts, webhook URLs) and the credentials stay with admins.
 */
export async function whatWeListenTo(deps: Pick<AppDeps, 'database' | 'config'>) {
  const [sources, rules] = await Promise.all([listSources(deps), listRules(deps)]);
  return {
    sources: sources.map(({ id, kind, name, enabled, lastPolledAt, lastError }) => ({ id, kind, name, enabled, lastPolledAt, lastError })),
    rules,
  };
}
