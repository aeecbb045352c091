/**
 * The pure half of core: constants, types and rules with no runtime dependency, safe for the
 * browser bundle (`@groundswell/core/rules`). Zod schemas live behind `./schemas.ts`.
 */
export * from './states.ts';
export * from './errors.ts';
export * from './geometry.ts';
export * from './categories.ts';
export * from './answers.ts';
export * from './reports.ts';
export * from './report-rules.ts';
export * from './staff.ts';
export * from './insight.ts';
export * from './asset-rules.ts';
export * from './report-actions.ts';
export * from './photo-rules.ts';
export * from './state-choices.ts';
export * from './insight-rows.ts';
export * from './insight-listening.ts';
export * from './sign-in.ts';
export * from './open311.ts';
export * from './demo.ts';
export * from './passwords.ts';
export * from './forwarded.ts';
export * from './limits.ts';
export * from './input-rules.ts';
export * from './retention.ts';
export * from './public-names.ts';
export * from './confirmation.ts';
export * from './mail-dates.ts';
export * from './action-groups.ts';
export * from './questionnaires.ts';
export * from './residents.ts';
export * from './problem-messages.ts';
export * from './timeline-groups.ts';
export * from './second-factor.ts';
export * from './sso.ts';
export * from './privacy.ts';
export * from './subject-access.ts';
export * from './cql2.ts';
export * from './listening.ts';
export * from './handoff.ts';
export * from './listening-keywords.ts';
export * from './geoparse-coordinates.ts';
export * from './listening-groups.ts';
export * from './reply-drafts.ts';
export * from './geoparse.ts';
export * from './gis-export-rules.ts';
