/**
 * The mapped drainage network (assets: ditches, culverts) and its condition over time: the
 * repository of the asset aggregate. Its rules are in packages/core/src/asset-rules.ts, its
 * use-cases in apps/api/src/assets.
 */
export * from './assets/attach.ts';
export * from './assets/read.ts';
export * from './assets/network.ts';
