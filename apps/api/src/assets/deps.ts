import type { AppDeps } from '../deps.ts';

/** What the network's use-cases need from outside. */
export type AssetDeps = Pick<AppDeps, 'database' | 'clock'>;
