import { describe, expect, it } from 'vitest';
import { CLOSED_STATES, OPEN_STATES, REPORT_STATES, TRANSITIONS, canTransition, isOpen, openness, requiresPublicAnswer } from '../src/states.ts';

describe('report states', () => {
  it('splits every state into exactly one of open or closed', () => {
    for (const s of REPORT_STATES) expect(OPEN_STATES.includes(s) !== CLOSED_STATES.includes(s)).toBe(true);
    expect(openness('action_scheduled')).toBe('open');
    expect(openness('referred')).toBe('closed');
    expect(isOpen('new')).toBe(true);
  });

  it('allows the ordinary path of work and refuses nonsense', () => {
    expect(canTransition('new', 'acknowledged')).toBe(true);
    expect(canTransition('acknowledged', 'action_scheduled')).toBe(true);
    expect(canTransition('action_scheduled', 'fixed')).toBe(true);
    expect(canTransition('fixed', 'new')).toBe(false);
    expect(canTransition('new', 'new')).toBe(false);
    expect(canTransition('duplicate', 'fixed')).toBe(false);
  });

  it('lets moderators hide anything and reopen closed reports', () => {
    for (const s of REPORT_STATES.filter((x) => x !== 'hidden')) expect(canTransition(s, 'hidden')).toBe(true);
    expect(canTransition('fixed', 'in_progress')).toBe(true);
    expect(canTransition('hidden', 'acknowledged')).toBe(true);
  });

  it('only names known states as targets', () => {
    for (const targets of Object.values(TRANSITIONS)) for (const t of targets) expect(REPORT_STATES).toContain(t);
  });

  it('asks for a public answer when a report is closed', () => {
    expect(requiresPublicAnswer('fixed')).toBe(true);
    expect(requiresPublicAnswer('referred')).toBe(true);
    expect(requiresPublicAnswer('in_progress')).toBe(false);
  });
});
