export * from './states.ts';
export * from './errors.ts';
export * from './geometry.ts';
export * from './categories.ts';
export * from './answers.ts';
export * from './reports.ts';
export * from './report-rules.ts';
export * from './subscriptions.ts';
