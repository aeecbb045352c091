import { describe, expect, it } from 'vitest';
import { publicActorName } from '../src/public-names.ts';

const kasia = { type: 'staff', label: null, staff: { name: 'Kasia Nowak', team: 'Waste', teamNames: { pl: 'Odpady' } } } as const;

describe('publicActorName in the reader language', () => {
  it("names the team in the reader's language when it has a name in it, never the surname", () => {
    expect(publicActorName(kasia, 'first_name_and_team', 'pl')).toBe('Kasia (Odpady)');
    expect(publicActorName(kasia, 'team', 'pl')).toBe('Odpady');
    expect(publicActorName(kasia, 'full_name', 'pl')).toBe('Kasia Nowak (Odpady)');
  });

  it('keeps the English wording in English, and when the team has no name in the language', () => {
    expect(publicActorName(kasia, 'first_name_and_team', 'en')).toBe('Kasia, waste team');
    expect(publicActorName(kasia, 'first_name_and_team')).toBe('Kasia, waste team');
    expect(publicActorName({ ...kasia, staff: { ...kasia.staff, teamNames: {} } }, 'first_name_and_team', 'pl')).toBe('Kasia, waste team');
  });
});
