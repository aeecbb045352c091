import { describe, expect, it } from 'vitest';
import {
  ASSET_ATTACH_RULE,
  assetCode,
  atRiskReasons,
  bestAttachment,
  canSetSegmentTeam,
  conditionFromReport,
  joinLines,
  joinSegments,
  joinedTeam,
  metres,
  monthsBefore,
  reasonsAtRisk,
  riskRank,
  runsAlong,
  segmentFromReportRefusal,
  splitRefusal,
  worksSegment,
  worseCondition,
  type JoinPart,
} from '../src/asset-rules.ts';
import type { StaffActor } from '../src/staff.ts';

describe('conditions', () => {
  it('ranks conditions, unknown above clear', () => {
    expect(worseCondition('clear', 'unknown')).toBe('unknown');
    expect(worseCondition('blocked', 'partly_blocked')).toBe('blocked');
    expect(worseCondition('blocked', 'collapsed')).toBe('collapsed');
  });

  it('reads a condition only from a blocked-ditch answer it knows', () => {
    expect(conditionFromReport('blocked_ditch', { how_blocked: 'collapsed' })).toBe('collapsed');
    expect(conditionFromReport('blocked_ditch', { how_blocked: 'something' })).toBeNull();
    expect(conditionFromReport('blocked_ditch', {})).toBeNull();
    expect(conditionFromReport('litter', { how_blocked: 'blocked' })).toBeNull();
  });
});

describe('attaching a line report', () => {
  const c = (id: number, share: number, alongMeters: number, lengthMeters = 100) => ({ id, code: `D-${id}`, share, alongMeters, lengthMeters });

  it('needs most of the line near the segment and its ends spread along it', () => {
    expect(runsAlong(c(1, ASSET_ATTACH_RULE.minShareWithin, 50))).toBe(true);
    expect(runsAlong(c(1, 0.69, 100))).toBe(false);
    expect(runsAlong(c(1, 1, 49.9))).toBe(false);
  });

  it('picks the segment with most of the line near it, then the longest run, then the oldest', () => {
    expect(bestAttachment([c(3, 0.8, 90), c(2, 0.9, 60), c(1, 0.5, 100)])?.id).toBe(2);
    expect(bestAttachment([c(3, 0.9, 60), c(2, 0.9, 90)])?.id).toBe(2);
    expect(bestAttachment([c(3, 0.9, 60), c(2, 0.9, 60)])?.id).toBe(2);
    expect(bestAttachment([c(1, 1, 10)])).toBeUndefined();
  });
});

describe('segments at risk', () => {
  const now = new Date('2026-11-01T12:00:00Z');

  it('goes back calendar months, clamped to the month end', () => {
    expect(monthsBefore(now, 6).toISOString()).toBe('2026-05-01T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-08-31T12:00:00Z'), 6).toISOString()).toBe('2026-02-28T12:00:00.000Z');
  });

  it('gives the reasons in a fixed order', () => {
    expect(atRiskReasons({ condition: 'blocked', lastInspectedAt: null }, now)).toEqual(['condition', 'not_inspected']);
    expect(atRiskReasons({ condition: 'clear', lastInspectedAt: new Date('2026-06-01T00:00:00Z') }, now)).toEqual([]);
    expect(atRiskReasons({ condition: 'clear', lastInspectedAt: new Date('2026-04-30T00:00:00Z') }, now)).toEqual(['not_inspected']);
    expect(atRiskReasons({ condition: 'clear', lastInspectedAt: new Date('2026-08-01T00:00:00Z') }, now, 3)).toEqual(['not_inspected']);
    expect(reasonsAtRisk({ badCondition: true, unseen: false })).toEqual(['condition']);
  });

  it('ranks collapsed, then blocked, then the rest alike', () => {
    expect(riskRank('collapsed')).toBeGreaterThan(riskRank('blocked'));
    expect(riskRank('blocked')).toBeGreaterThan(riskRank('partly_blocked'));
    expect(riskRank('partly_blocked')).toBe(riskRank('clear'));
    expect(riskRank('unknown')).toBe(riskRank('clear'));
  });
});

describe('naming, confirming and splitting segments', () => {
  it('names a new segment by its kind and number', () => {
    expect(assetCode('ditch', 67)).toBe('D-067');
    expect(assetCode('culvert', 1234)).toBe('C-1234');
  });

  it('lets only a visible, unattached line become a segment', () => {
    expect(segmentFromReportRefusal({ isLine: true, hidden: false, attached: false })).toBeNull();
    expect(segmentFromReportRefusal({ isLine: false, hidden: true, attached: true })).toBe('not_a_line');
    expect(segmentFromReportRefusal({ isLine: true, hidden: true, attached: false })).toBe('hidden');
    expect(segmentFromReportRefusal({ isLine: true, hidden: false, attached: true })).toBe('already_attached');
  });

  it('splits within 50 m of the segment, leaving both parts at least 5 m', () => {
    expect(splitRefusal({ fraction: 0.5, lengthMeters: 500, distanceMeters: 50 })).toBeNull();
    expect(splitRefusal({ fraction: 0.5, lengthMeters: 500, distanceMeters: 50.1 })).toEqual({ reason: 'too_far', distanceMeters: 50.1 });
    expect(splitRefusal({ fraction: 0.009, lengthMeters: 500, distanceMeters: 0 })).toEqual({ reason: 'too_near_end' });
    expect(splitRefusal({ fraction: 0.991, lengthMeters: 500, distanceMeters: 0 })).toEqual({ reason: 'too_near_end' });
    expect(splitRefusal({ fraction: 0.01, lengthMeters: 500, distanceMeters: 0 })).toBeNull();
  });
});

describe('joining segments', () => {
  const a: [number, number][] = [
    [0, 0],
    [0, 0.001],
    [0, 0.002],
  ];
  const b: [number, number][] = [
    [0.001, 0.003],
    [0, 0.002],
  ];

  it('measures metres on the ground', () => {
    expect(metres([0, 0], [0, 1])).toBeCloseTo(111_320, 0);
    expect(metres([0, 60], [1, 60])).toBeCloseTo(55_660, -1);
  });

  // joinLines itself is tested in apps/api/test/insight-rules.test.ts, where it was first.

  it('keeps the worse condition, the later condition date and the older inspection', () => {
    const part = (p: Partial<JoinPart>): JoinPart => ({ kind: 'ditch', condition: 'clear', conditionAt: null, lastInspectedAt: null, coords: a, ...p });
    const joined = joinSegments(
      part({ condition: 'clear', conditionAt: '2026-01-01 00:00:00+00', lastInspectedAt: '2025-06-01 00:00:00+00' }),
      part({ coords: b, condition: 'partly_blocked', conditionAt: '2026-03-01 00:00:00+00', lastInspectedAt: '2026-03-01 00:00:00+00' }),
    );
    expect(joined).toEqual({ ok: true, coords: joinLines(a, b), condition: 'partly_blocked', conditionAt: '2026-03-01 00:00:00+00', inspectedAt: '2025-06-01 00:00:00+00' });
    const never = joinSegments(part({ lastInspectedAt: '2025-06-01 00:00:00+00' }), part({ coords: b }));
    expect(never).toMatchObject({ ok: true, conditionAt: null, inspectedAt: null });
    expect(joinSegments(part({}), part({ kind: 'culvert', coords: b }))).toEqual({ ok: false, refusal: 'different_kinds' });
    expect(
      joinSegments(
        part({}),
        part({
          coords: [
            [1, 1],
            [1, 2],
          ],
        }),
      ),
    ).toEqual({ ok: false, refusal: 'not_touching' });
  });
});

describe('which team works a segment', () => {
  const DRAINS = 1;
  const ROADS = 2;
  const officer: StaffActor = { id: 'o', name: 'Officer', role: 'officer', teamIds: [DRAINS] };
  const both: StaffActor = { id: 'b', name: 'Both', role: 'officer', teamIds: [DRAINS, ROADS] };
  const admin: StaffActor = { id: 'a', name: 'Admin', role: 'admin', teamIds: [] };

  it("lets an officer work their team's segments, an admin every one, and no officer a segment without a team", () => {
    expect(worksSegment(officer, { teamId: DRAINS })).toBe(true);
    expect(worksSegment(officer, { teamId: ROADS })).toBe(false);
    expect(worksSegment(officer, { teamId: null })).toBe(false);
    expect(worksSegment(admin, { teamId: ROADS })).toBe(true);
    expect(worksSegment(admin, { teamId: null })).toBe(true);
  });

  it("keeps a joined segment in its parts' team, and lets only an admin join two teams' segments, routing the result", () => {
    expect(joinedTeam(officer, { teamId: DRAINS }, { teamId: DRAINS })).toEqual({ ok: true, team: { id: DRAINS } });
    expect(joinedTeam(both, { teamId: DRAINS }, { teamId: ROADS })).toEqual({ ok: false, refusal: 'different_teams' });
    expect(joinedTeam(admin, { teamId: DRAINS }, { teamId: ROADS })).toEqual({ ok: true, team: 'routed' });
    expect(joinedTeam(admin, { teamId: null }, { teamId: null })).toEqual({ ok: true, team: { id: null } });
  });

  it('lets only an admin move a segment to another team', () => {
    expect(canSetSegmentTeam(admin)).toBe(true);
    expect(canSetSegmentTeam(both)).toBe(false);
  });
});
