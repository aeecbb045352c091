import type { Logger } from 'pino';
import type { AppDeps } from '../deps.ts';

/** Hono context variables set by the app's middleware. */
export interface AppEnv {
  Variables: {
    log: Logger;
    requestId: string;
    deps: AppDeps;
  };
}
