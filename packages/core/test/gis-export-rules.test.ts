import { describe, expect, it } from 'vitest';
import { ASSET_CONDITIONS, CONDITION_GRADE, CONDITION_SEVERITY, DBF_FIELD_NAMES, DBF_NAME_MAX, conditionSource, dbfFieldNames, utf8Prefix } from '../src/rules.ts';

const decode = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b);

describe('dBase field names', () => {
  it('uses the fixed table, every name within 10 characters and unique within a layer regardless of case', () => {
    for (const name of Object.values(DBF_FIELD_NAMES)) expect(name.length <= DBF_NAME_MAX && /^[A-Za-z0-9_]+$/.test(name), name).toBe(true);
    const reports = ['id', 'category', 'category_name', 'state', 'status', 'description', 'answers', 'geometry_type', 'support_count', 'areas'];
    const times = ['created_at', 'updated_at', 'acknowledged_at', 'resolved_at', 'expected_at', 'url'];
    const network = ['code', 'kind', 'name', 'condition', 'condition_at', 'area', 'length_m', 'created_at', 'retired_at'];
    for (const columns of [[...reports, ...times], network]) {
      const names = dbfFieldNames(columns);
      for (const c of columns) expect(names.get(c)).toBe(DBF_FIELD_NAMES[c]);
      const all = [...names.values()];
      expect(new Set(all.map((n) => n.toLowerCase())).size).toBe(all.length);
    }
  });

  it('cuts other names to 10 characters, replaces what dBase cannot hold, and numbers clashes', () => {
    const names = dbfFieldNames(['inspection_date', 'inspection_dates', 'Inspection_datum', 'łąka', 'id', 'ID']);
    expect(names.get('inspection_date')).toBe('inspection');
    expect(names.get('inspection_dates')).toBe('inspectio2');
    expect(names.get('Inspection_datum')).toBe('Inspectio3');
    expect(names.get('łąka')).toBe('__ka');
    expect(names.get('id')).toBe('id');
    expect(names.get('ID')).toBe('ID2');
  });
});

describe('text cut to a dBase field', () => {
  it('keeps text that fits, and cuts longer text before a character that does not fit whole', () => {
    expect(decode(utf8Prefix('Źródlana', 254))).toBe('Źródlana');
    // "Ź" is two bytes: five bytes hold "Ź", "r", "ó" (2) = 5.
    expect(decode(utf8Prefix('Źródlana', 5))).toBe('Źró');
    expect(decode(utf8Prefix('Źródlana', 4))).toBe('Źr');
    expect(utf8Prefix('ż'.repeat(200)).length).toBe(254);
    expect(decode(utf8Prefix('ż'.repeat(200)))).toBe('ż'.repeat(127));
    expect(decode(utf8Prefix(`a${'ż'.repeat(200)}`))).toBe(`a${'ż'.repeat(126)}`);
    // A four-byte character (emoji) is never split either.
    expect(decode(utf8Prefix('ab😀', 5))).toBe('ab');
  });
});

describe('condition grade', () => {
  it('grades every condition but unknown from 1 to 5, worse conditions higher', () => {
    const graded = ASSET_CONDITIONS.filter((c) => c !== 'unknown');
    for (const c of graded) expect(CONDITION_GRADE[c]).toBeGreaterThanOrEqual(1);
    for (const c of graded) expect(CONDITION_GRADE[c]).toBeLessThanOrEqual(5);
    expect(CONDITION_GRADE.unknown).toBeNull();
    const bySeverity = [...graded].sort((a, b) => CONDITION_SEVERITY[a] - CONDITION_SEVERITY[b]);
    const grades = bySeverity.map((c) => CONDITION_GRADE[c]!);
    expect(grades).toEqual([...grades].sort((a, b) => a - b));
    expect(CONDITION_GRADE.collapsed).toBe(5);
    expect(CONDITION_GRADE.clear).toBe(1);
  });

  it('words where a condition came from', () => {
    expect(conditionSource('inspected')).toBe('inspection');
    expect(conditionSource('reported')).toBe('resident_report');
    expect(conditionSource('created')).toBe('mapped');
    expect(conditionSource('retired')).toBeNull();
    expect(conditionSource(null)).toBeNull();
  });
});
