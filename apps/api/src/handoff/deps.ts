import type { AppDeps } from '../deps.ts';

/** What the hand-off's use-cases need of the app. */
export type HandoffDeps = Pick<AppDeps, 'database' | 'clock' | 'config' | 'logger' | 'mailer' | 'storage' | 'jobs'>;
