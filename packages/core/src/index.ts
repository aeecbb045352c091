/** Everything in core, for the server: the pure rules and the zod schemas. */
export * from './rules.ts';
export * from './schemas.ts';
