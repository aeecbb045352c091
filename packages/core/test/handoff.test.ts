import { describe, expect, it } from 'vitest';
import { cameFromTarget, chooseHandoffTarget, handoffSignatureFresh, mapHandoffStatus, parseHandoffSignature, type HandoffRule } from '../src/handoff.ts';

const rule = (id: number, targetId: number, extra: Partial<HandoffRule> = {}): HandoffRule => ({ id, categoryId: 1, areaId: null, teamId: null, targetId, ...extra });

describe('chooseHandoffTarget', () => {
  const rules = [rule(1, 10), rule(2, 20, { teamId: 5 }), rule(3, 30, { areaId: 7 }), rule(4, 40, { areaId: 7, teamId: 5 }), rule(5, 50, { categoryId: 2 })];

  it('takes the most specific fitting rule', () => {
    expect(chooseHandoffTarget(rules, { categoryId: 1, teamId: 5, areaIds: [7] })).toBe(40);
    expect(chooseHandoffTarget(rules, { categoryId: 1, teamId: 6, areaIds: [7] })).toBe(30);
    expect(chooseHandoffTarget(rules, { categoryId: 1, teamId: 5, areaIds: [8] })).toBe(20);
    expect(chooseHandoffTarget(rules, { categoryId: 1, teamId: null, areaIds: [] })).toBe(10);
  });

  it('leaves a report of a category without rules unsent, and breaks ties by age', () => {
    expect(chooseHandoffTarget(rules, { categoryId: 3, teamId: 5, areaIds: [7] })).toBeNull();
    expect(chooseHandoffTarget([rule(9, 90), rule(8, 80)], { categoryId: 1, teamId: null, areaIds: [] })).toBe(80);
  });
});

describe('mapHandoffStatus', () => {
  it('maps through the table, ignoring case and spacing, and keeps unmapped or invalid ones', () => {
    const table = { 'In Progress': 'in_progress', FIXED: 'fixed', odd: 'not_a_state' };
    expect(mapHandoffStatus(table, 'in_progress')).toBe('in_progress');
    expect(mapHandoffStatus(table, 'in-progress')).toBe('in_progress');
    expect(mapHandoffStatus(table, 'fixed')).toBe('fixed');
    expect(mapHandoffStatus(table, 'investigating')).toBeNull();
    expect(mapHandoffStatus(table, 'odd')).toBeNull();
    expect(mapHandoffStatus(table, '')).toBeNull();
  });
});

describe('signature header', () => {
  it('reads t and every v1, and refuses malformed headers', () => {
    const hex = 'a'.repeat(64);
    expect(parseHandoffSignature(`t=1700000000,v1=${hex}`)).toEqual({ t: 1700000000, v1: [hex] });
    expect(parseHandoffSignature(`t=1, v1=${hex}, v1=${'B'.repeat(64)}`)?.v1).toEqual([hex, 'b'.repeat(64)]);
    expect(parseHandoffSignature(`v1=${hex}`)).toBeNull();
    expect(parseHandoffSignature('t=1,v1=xyz')).toBeNull();
    expect(parseHandoffSignature(null)).toBeNull();
  });

  it('is fresh within five minutes either way', () => {
    expect(handoffSignatureFresh(1000, 1300)).toBe(true);
    expect(handoffSignatureFresh(1000, 1301)).toBe(false);
    expect(handoffSignatureFresh(1301, 1000)).toBe(false);
  });
});

describe('cameFromTarget', () => {
  it('knows a report the target itself sent through Open311, by its API key name', () => {
    expect(cameFromTarget({ channel: 'open311', channelSource: 'Council CRM' }, 'council crm ')).toBe(true);
    expect(cameFromTarget({ channel: 'open311', channelSource: 'FixMyStreet' }, 'Council CRM')).toBe(false);
    expect(cameFromTarget({ channel: 'web', channelSource: null }, 'Council CRM')).toBe(false);
  });
});
