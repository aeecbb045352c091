/**
 * The zod half of core (`@groundswell/core/schemas`): request and response contracts the API
 * validates with and registers in OpenAPI. The web app imports only their inferred types.
 */
export * from './schemas/geometry.ts';
export * from './schemas/categories.ts';
export * from './schemas/reports.ts';
export * from './schemas/staff.ts';
export * from './schemas/subscriptions.ts';
export * from './schemas/insight.ts';
export * from './schemas/site.ts';
export * from './schemas/staff-responses.ts';
export * from './schemas/assets.ts';
export * from './schemas/query.ts';
export * from './schemas/questionnaires.ts';
export * from './schemas/residents.ts';
export * from './schemas/privacy.ts';
export * from './schemas/handoff.ts';
export * from './schemas/listening.ts';
export * from './schemas/asset-layers.ts';
