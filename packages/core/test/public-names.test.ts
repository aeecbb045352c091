import { describe, expect, it } from 'vitest';
import { DEFAULT_PUBLIC_STAFF_NAME, publicActorName, teamLabel } from '../src/public-names.ts';

const kasia = { type: 'staff', label: null, staff: { name: 'Kasia Waste', team: 'Waste' } } as const;

describe('publicActorName', () => {
  it('signs an officer with a first name and team by default', () => {
    expect(DEFAULT_PUBLIC_STAFF_NAME).toBe('first_name_and_team');
    expect(publicActorName(kasia, DEFAULT_PUBLIC_STAFF_NAME)).toBe('Kasia, waste team');
    expect(publicActorName({ ...kasia, staff: { name: '  Anna  Maria Nowak ', team: 'Waste and street cleaning' } }, 'first_name_and_team')).toBe('Anna, waste and street cleaning team');
  });

  it('shows the team alone, or the full name and team, when the setting says so', () => {
    expect(publicActorName(kasia, 'team')).toBe('Waste team');
    expect(publicActorName(kasia, 'full_name')).toBe('Kasia Waste, waste team');
  });

  it('never shows the surname unless the setting is full_name', () => {
    for (const setting of ['first_name_and_team', 'team'] as const) expect(publicActorName(kasia, setting)).not.toContain('Waste,');
    expect(publicActorName({ ...kasia, staff: { name: 'Kasia Nowak', team: 'Roads' } }, 'first_name_and_team')).not.toContain('Nowak');
  });

  it('keeps proper names and acronyms of teams as written', () => {
    expect(publicActorName({ ...kasia, staff: { name: 'Kasia Nowak', team: 'Tay Flood Partnership' } }, 'first_name_and_team')).toBe('Kasia, Tay Flood Partnership team');
    expect(publicActorName({ ...kasia, staff: { name: 'Kasia Nowak', team: 'CCTV team' } }, 'first_name_and_team')).toBe('Kasia, CCTV team');
    expect(teamLabel('Customer service team')).toBe('Customer service team');
  });

  it('falls back to "Council" for the team an officer without one acted for', () => {
    const noTeam = { type: 'staff', label: null, staff: { name: 'Ada Admin', team: null } } as const;
    expect(publicActorName(noTeam, 'first_name_and_team')).toBe('Ada');
    expect(publicActorName(noTeam, 'team')).toBe('Council');
    expect(publicActorName(noTeam, 'full_name')).toBe('Ada Admin');
  });

  it('names residents "Resident" and others by their recorded label or kind, whatever the setting', () => {
    for (const setting of ['first_name_and_team', 'team', 'full_name'] as const) {
      expect(publicActorName({ type: 'resident', label: 'Jan Kowalski' }, setting)).toBe('Resident');
      expect(publicActorName({ type: 'api', label: 'FixMyStreet' }, setting)).toBe('FixMyStreet');
      expect(publicActorName({ type: 'api', label: null }, setting)).toBe('Council');
      expect(publicActorName({ type: 'system', label: null }, setting)).toBe('Groundswell');
      expect(publicActorName({ type: 'staff', label: 'Customer service team' }, setting)).toBe('Customer service team');
      expect(publicActorName({ type: 'staff', label: null, staff: null }, setting)).toBe('Council');
    }
  });
});
