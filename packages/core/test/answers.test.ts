import { describe, expect, it } from 'vitest';
import { QuestionSchema, type QuestionInput } from '../src/schemas/categories.ts';
import { checkAnswers } from '../src/answers.ts';

const form = (
  [
    {
      id: 'how_blocked',
      type: 'single_choice',
      required: true,
      label: { en: 'How blocked is it?' },
      choices: [
        { value: 'partly', label: { en: 'Partly' } },
        { value: 'fully', label: { en: 'Fully' } },
      ],
    },
    { id: 'backing_up', type: 'yes_no', label: { en: 'Is water backing up?' } },
    { id: 'depth_cm', type: 'number', min: 0, max: 300, label: { en: 'Depth (cm)' }, showIf: { question: 'backing_up', in: [true] } },
    {
      id: 'causes',
      type: 'multiple_choice',
      label: { en: 'What is blocking it?' },
      choices: [
        { value: 'silt', label: { en: 'Silt' } },
        { value: 'rubbish', label: { en: 'Rubbish' } },
      ],
    },
    { id: 'since', type: 'date', label: { en: 'Since when?' } },
    { id: 'notes', type: 'text', maxLength: 10, label: { en: 'Notes' } },
  ] satisfies QuestionInput[]
).map((q) => QuestionSchema.parse(q));

describe('answers against a question form', () => {
  it('accepts a complete, valid set and keeps only what was asked', () => {
    const { errors, clean } = checkAnswers(form, { how_blocked: 'fully', backing_up: true, depth_cm: 40, causes: ['silt'], since: '2026-10-01' });
    expect(errors).toEqual([]);
    expect(clean).toEqual({ how_blocked: 'fully', backing_up: true, depth_cm: 40, causes: ['silt'], since: '2026-10-01' });
  });

  it('names a missing required answer', () => {
    expect(checkAnswers(form, {}).errors).toEqual([{ field: 'answers.how_blocked', message: 'Please answer "How blocked is it?"' }]);
  });

  it('drops an answer to a question that was not shown', () => {
    const { errors, clean } = checkAnswers(form, { how_blocked: 'partly', backing_up: false, depth_cm: 40 });
    expect(errors).toEqual([]);
    expect(clean).not.toHaveProperty('depth_cm');
  });

  it('checks each type', () => {
    const { errors } = checkAnswers(form, { how_blocked: 'maybe', backing_up: 'yes', causes: ['silt', 'silt'], since: '1 Oct', notes: 'far too long text' });
    expect(errors.map((e) => e.field)).toEqual(['answers.how_blocked', 'answers.backing_up', 'answers.causes', 'answers.since', 'answers.notes']);
    const bounds = checkAnswers(form, { how_blocked: 'fully', backing_up: true, depth_cm: 301 });
    expect(bounds.errors[0]?.message).toContain('at most 300');
  });

  it('refuses answers to unknown questions', () => {
    expect(checkAnswers(form, { how_blocked: 'fully', colour: 'red' }).errors[0]?.field).toBe('answers.colour');
  });
});
