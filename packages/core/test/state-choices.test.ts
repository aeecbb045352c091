import { describe, expect, it } from 'vitest';
import { BULK_STATES, canTransition, OWN_ACTION_STATES, REPORT_STATES, stateChoices } from '../src/rules.ts';

describe('state choices', () => {
  it('never offers a state that has its own action', () => {
    for (const from of REPORT_STATES) for (const to of stateChoices(from)) expect(OWN_ACTION_STATES).not.toContain(to);
    expect(BULK_STATES).not.toContain('hidden');
    expect(BULK_STATES).not.toContain('duplicate');
  });

  it('offers only allowed moves', () => {
    for (const from of REPORT_STATES) for (const to of stateChoices(from)) expect(canTransition(from, to)).toBe(true);
    expect(stateChoices('closed')).toEqual(['acknowledged', 'in_progress']);
  });

  it('lets a bulk change set every working and closing state but new', () => {
    expect(BULK_STATES).toEqual(['acknowledged', 'in_progress', 'action_scheduled', 'fixed', 'closed', 'referred']);
  });
});
