import { createRoot } from 'solid-js';
import { describe, expect, it, vi } from 'vitest';
import type { Category } from '@groundswell/core/rules';
import { asCollection, createAreaImport, featureProblemsOf, guessNameProperty } from '../../src/console/admin/Areas.tsx';
import { ProblemError } from '../../src/api/http.ts';
import { createAssisted, problemTarget, withAnswer } from '../../src/console/assisted-state.ts';
import { assignAction, createBulk } from '../../src/console/Bulk.tsx';
import { officerList } from '../../src/console/triage-screen.ts';

const litter = { code: 'litter', name: { en: 'Litter' }, geometryTypes: ['Point', 'Polygon'], questions: [{ id: 'bags', type: 'number', label: { en: 'Bags' } }] } as unknown as Category;

describe('createAssisted', () => {
  it('finds what is missing before sending, each problem linked to its field', async () => {
    const create = vi.fn();
    await createRoot(async (dispose) => {
      const st = createAssisted({ categories: () => [litter], create });
      expect(await st.send()).toBe('invalid');
      expect(create).not.toHaveBeenCalled();
      expect(st.problems().map((p) => p.target)).toEqual(['c-new-category', 'c-new-place', 'c-new-description']);
      expect(st.err('geometry')).toBeTruthy();
      dispose();
    });
  });

  it('sends only the answers still shown and the contact given, then starts again keeping the channel', async () => {
    const create = vi.fn(async (_body: unknown) => ({ id: 'abcd1234' }));
    await createRoot(async (dispose) => {
      const st = createAssisted({ categories: () => [litter], create });
      st.setChannel('email');
      st.chooseCategory('litter');
      expect(st.kinds()).toEqual(['Point', 'Polygon']);
      st.setAnswer('bags', 3);
      st.setAnswer('gone', 'x');
      st.setGeometry({ type: 'Point', coordinates: [1, 2] });
      st.setDescription('  Bags by the gate ');
      st.setName('Ann');
      expect(await st.send()).toBe('created');
      expect(create.mock.calls[0]![0]).toMatchObject({ channel: 'email', category: 'litter', description: 'Bags by the gate', answers: { bags: 3 }, contact: { name: 'Ann' }, showName: false });
      expect(st.created()).toBe('abcd1234');
      st.reset();
      expect(st.created()).toBeUndefined();
      expect(st.channel()).toBe('email');
      expect(st.description()).toBe('');
      dispose();
    });
  });

  it('shows the server’s field errors beside the fields', async () => {
    const create = vi.fn(async () => Promise.reject(new ProblemError(422, '/api/staff/reports', { detail: 'Invalid', errors: [{ field: 'body.contact.email', message: 'Not an email' }] })));
    await createRoot(async (dispose) => {
      const st = createAssisted({ categories: () => [litter], create });
      st.chooseCategory('litter');
      st.setGeometry({ type: 'Point', coordinates: [1, 2] });
      st.setDescription('x');
      expect(await st.send()).toBe('failed');
      expect(st.err('contact.email')).toBe('Not an email');
      expect(st.problems()).toEqual([{ field: 'contact.email', message: 'Not an email', target: 'c-new-email' }]);
      dispose();
    });
  });

  it('names the control of each field', () => {
    expect(problemTarget('answers.bags.0')).toBe('c-new-q-bags');
    expect(problemTarget('geometry.coordinates')).toBe('c-new-place');
    expect(problemTarget('channelSource')).toBe('c-new-channelSource');
    expect(withAnswer({ a: 1 }, 'a', undefined)).toEqual({});
  });
});

describe('createBulk', () => {
  it('says when an assignment would change nothing, and sends one that does', async () => {
    expect(assignAction('', '__keep')).toBeUndefined();
    expect(assignAction('', '__nobody')).toEqual({ type: 'assign', assigneeId: null });
    const send = vi.fn(async (ids: string[]) => ({ results: ids.map((id) => ({ id, ok: id !== 'b' })) }));
    const onDone = vi.fn();
    await createRoot(async (dispose) => {
      const b = createBulk({ ids: () => ['a', 'b'], onDone, send });
      await b.apply();
      expect(send).not.toHaveBeenCalled();
      expect(b.submit.error()).toBeTruthy();
      b.setTeam('roads');
      await b.apply();
      expect(send).toHaveBeenCalledWith(['a', 'b'], { type: 'assign', team: 'roads' });
      expect([b.ok(), b.failed()]).toEqual([1, 1]);
      expect(onDone).toHaveBeenCalledTimes(1);
      dispose();
    });
  });

  it('asks for a public answer when closing', async () => {
    const send = vi.fn(async () => ({ results: [] }));
    await createRoot(async (dispose) => {
      const b = createBulk({ ids: () => ['a'], onDone: () => undefined, send });
      b.setKind('state');
      b.setState('fixed');
      expect(b.closing()).toBe(true);
      await b.apply();
      expect(b.submit.fields().message).toBeTruthy();
      b.setMessage('Cleared today');
      await b.apply();
      expect(send).toHaveBeenCalledWith(['a'], { type: 'state', state: 'fixed', message: 'Cleared today' });
      dispose();
    });
  });
});

describe('area import', () => {
  it('reads a GeoJSON file and guesses the name property', async () => {
    await createRoot(async (dispose) => {
      const st = createAreaImport(() => undefined);
      await st.choose({ text: async () => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { WARD_NAME: 'North', id: 1 }, geometry: null }] }) });
      expect(st.file()?.features).toHaveLength(1);
      expect(st.nameProperty()).toBe('WARD_NAME');
      expect(st.properties()).toEqual(['WARD_NAME', 'id']);
      await st.choose({ text: async () => 'not json' });
      expect(st.file()).toBeUndefined();
      expect(st.fileError()).toBeTruthy();
      dispose();
    });
  });

  it('numbers the refused features from the problem', () => {
    const err = new ProblemError(422, '/x', {
      errors: [
        { field: 'body.geojson.features.2.geometry', message: 'Not a polygon' },
        { field: 'body.kind', message: 'x' },
      ],
    });
    expect(featureProblemsOf(err)).toEqual([{ index: 2, message: 'Not a polygon' }]);
    expect(guessNameProperty(['id', 'name'])).toBe('name');
    expect(asCollection({ type: 'FeatureCollection', features: [] })).toBeUndefined();
  });
});

describe('officerList', () => {
  it('lists active colleagues, the names the list shows and me, by name', () => {
    const users = [
      { id: 'u1', name: 'Zed', disabled: false },
      { id: 'u2', name: 'Gone', disabled: true },
    ] as never;
    const reports = [{ assigneeId: 'u3', assigneeName: 'Ann' }] as never;
    expect(officerList(users, reports, { id: 'me', name: 'Kasia' }).map((o) => o.name)).toEqual(['Ann', 'Kasia', 'Zed']);
  });
});
