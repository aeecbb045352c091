import { describe, expect, it } from 'vitest';
import { isSsoError, mapGroups, parseGroupMap, readGroups, safeConsoleNext, ssoErrorHash } from '../src/sso.ts';

describe('single sign-on rules', () => {
  it('reads a group map of teams and roles, and names a wrong entry', () => {
    expect(parseGroupMap('drainage-officers=team:drainage, gs-admins=role:admin ,/council/roads=team:roads')).toEqual({
      ok: true,
      value: [
        { group: 'drainage-officers', team: 'drainage' },
        { group: 'gs-admins', role: 'admin' },
        { group: '/council/roads', team: 'roads' },
      ],
    });
    expect(parseGroupMap('')).toEqual({ ok: true, value: [] });
    expect(parseGroupMap('drainage')).toMatchObject({ ok: false, message: expect.stringContaining('"drainage"') });
    expect(parseGroupMap('a=role:boss')).toMatchObject({ ok: false, message: expect.stringContaining('officer or admin') });
    expect(parseGroupMap('a=squad:x')).toMatchObject({ ok: false });
  });

  it('maps teams only when the map names teams, and roles only when it names roles', () => {
    const map = [
      { group: 'drainage-officers', team: 'drainage' },
      { group: 'roads', team: 'roads' },
      { group: 'gs-admins', role: 'admin' as const },
    ];
    expect(mapGroups(map, ['drainage-officers', 'other'])).toEqual({ teams: ['drainage'], role: 'officer' });
    expect(mapGroups(map, ['gs-admins', 'roads', 'drainage-officers'])).toEqual({ teams: ['drainage', 'roads'], role: 'admin' });
    expect(mapGroups(map, [])).toEqual({ teams: [], role: 'officer' });
    expect(mapGroups([{ group: 'x', team: 'waste' }], ['x'])).toEqual({ teams: ['waste'] });
    expect(mapGroups([], ['x'])).toEqual({});
  });

  it('reads a groups claim as an array or a single string', () => {
    expect(readGroups(['a', 1, 'b'])).toEqual(['a', 'b']);
    expect(readGroups('a')).toEqual(['a']);
    expect(readGroups(undefined)).toEqual([]);
  });

  it('sends the browser back only to a console hash path', () => {
    expect(safeConsoleNext('#/staff?state=new&sel=12')).toBe('#/staff?state=new&sel=12');
    expect(safeConsoleNext('#/staff/admin/users')).toBe('#/staff/admin/users');
    for (const bad of [undefined, '', 'https://evil.example/#/staff', '//evil.example', '#/staffing', '#/staff/login?next=x', '#/staff/\\evil', '/#/staff', `#/staff/${'a'.repeat(600)}`]) {
      expect(safeConsoleNext(bad)).toBe('#/staff');
    }
  });

  it('knows its failure codes', () => {
    expect(isSsoError('denied')).toBe(true);
    expect(isSsoError('<script>')).toBe(false);
    expect(ssoErrorHash('unknown')).toBe('#/staff/login?sso_error=unknown');
  });
});
