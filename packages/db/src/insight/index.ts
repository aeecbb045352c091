export type { InsightFilter } from './filter.ts';
export { monthsOf } from './filter.ts';
export * from './volume.ts';
export * from './timing.ts';
export * from './top.ts';
export * from './hot-spots.ts';
export * from './listening.ts';
export * from './calls.ts';
export * from './conversations.ts';
