/**
 * The public privacy notice (issue 16) is generated from the settings: the controller, the
 * contact, and the very periods the retention run and the other rules apply.
 */
import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA_RETENTION, QUESTIONNAIRE_VALID_WEEKS, RESIDENT_LINK, RESIDENT_SESSION_DAYS, RETENTION_DAYS, personalDataCutoffs } from '@groundswell/core';
import { json, testApp } from './helpers.ts';

describe('GET /api/privacy', () => {
  it('names the controller and says what is kept, for how long, from the settings', async () => {
    const ctx = await testApp({
      contactRetentionMonths: 18,
      fixedQuestionWeeks: 6,
      privacy: { controller: 'Perth and Kinross Council', contact: 'dpo@council.example', policyUrl: 'https://council.example/privacy' },
    });
    try {
      const res = await ctx.app.request('/api/privacy');
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.controller).toEqual({ name: 'Perth and Kinross Council', contact: 'dpo@council.example', policyUrl: 'https://council.example/privacy' });
      const byId = Object.fromEntries(body.items.map((i: { id: string }) => [i.id, i]));
      expect(Object.keys(byId)).toEqual(['contact', 'follows', 'reports', 'photos', 'supports', 'fixedQuestion', 'residentSignIn', 'networkAddresses', 'listening']);
      expect(byId.contact).toEqual({ id: 'contact', afterClosed: { count: 18, unit: 'months' } });
      expect(byId.follows).toEqual({
        id: 'follows',
        unconfirmed: { count: PERSONAL_DATA_RETENTION.unconfirmedFollowDays, unit: 'days' },
        afterEnded: { count: PERSONAL_DATA_RETENTION.endedFollowDays, unit: 'days' },
      });
      expect(byId.fixedQuestion).toEqual({ id: 'fixedQuestion', askedAfter: { count: 6, unit: 'weeks' }, linkValid: { count: QUESTIONNAIRE_VALID_WEEKS, unit: 'weeks' } });
      expect(byId.residentSignIn).toEqual({ id: 'residentSignIn', linkValid: { count: RESIDENT_LINK.validMinutes, unit: 'minutes' }, session: { count: RESIDENT_SESSION_DAYS, unit: 'days' } });
      expect(byId.networkAddresses).toEqual({ id: 'networkAddresses', kept: { count: RETENTION_DAYS.rateLimits, unit: 'days' } });
      // What the notice promises for contact details is what the retention run uses.
      const now = new Date('2026-11-30T12:00:00Z');
      expect(personalDataCutoffs(now, ctx.config.contactRetentionMonths).closedReports.toISOString()).toBe('2025-05-30T12:00:00.000Z');
    } finally {
      await ctx.close();
    }
  });

  it('defaults the controller to the site name, with no contact or policy link', async () => {
    const ctx = await testApp();
    try {
      const body = await json(await ctx.app.request('/api/privacy'));
      expect(body.controller).toEqual({ name: 'Groundswell', contact: null, policyUrl: null });
      expect(body.items[0]).toEqual({ id: 'contact', afterClosed: { count: PERSONAL_DATA_RETENTION.contactMonths, unit: 'months' } });
      // Nothing about any resident is in it.
      expect(JSON.stringify(body)).not.toMatch(/@/);
    } finally {
      await ctx.close();
    }
  });
});
