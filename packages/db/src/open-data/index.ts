export * from './reports.ts';
export * from './cursor.ts';
export * from './ogc.ts';
export * from './tiles.ts';
export * from './open311.ts';
export * from './feeds.ts';
export * from './gis-export.ts';
