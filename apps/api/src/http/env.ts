import type { Logger } from 'pino';
import type { StaffActor } from '@groundswell/core';
import type { AppDeps } from '../deps.ts';

/** Hono context variables set by the app's middleware. */
export interface AppEnv {
  Variables: {
    log: Logger;
    requestId: string;
    deps: AppDeps;
    /** Set by requireStaff on /api/staff routes. */
    staff: StaffActor;
    sessionHash: string;
    /** The session's CSRF token, which `GET /api/staff/me` hands back to the console. */
    csrfToken: string;
  };
}
