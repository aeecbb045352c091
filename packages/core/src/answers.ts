import type { FieldError } from './errors.ts';
import { localized, type Question } from './categories.ts';

export type AnswerValue = string | number | boolean | string[];
export type Answers = Record<string, AnswerValue>;

/** Whether a question applies, given the answers so far (its `showIf`). */
export function isQuestionShown(q: Question, answers: Answers): boolean {
  if (!q.showIf) return true;
  const other = answers[q.showIf.question];
  if (other === undefined) return false;
  const values = Array.isArray(other) ? other : [other];
  return values.some((v) => q.showIf!.in.includes(v));
}

/**
 * Checks answers against a category's question form. Returns the field errors (empty when
 * valid) and the answers with hidden and unknown questions dropped, so nothing a resident
 * could not see gets stored.
 */
export function checkAnswers(questions: Question[], answers: Answers, locale = 'en'): { errors: FieldError[]; clean: Answers } {
  const errors: FieldError[] = [];
  const clean: Answers = {};
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) errors.push({ field: `answers.${id}`, message: 'This is not one of the questions for this category' });
  }
  for (const q of questions) {
    const field = `answers.${q.id}`;
    const label = localized(q.label, locale);
    const value = answers[q.id];
    if (!isQuestionShown(q, answers)) continue;
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      if (q.required) errors.push({ field, message: `Please answer "${label}"` });
      continue;
    }
    const problem = checkOne(q, value);
    if (problem) errors.push({ field, message: `${label}: ${problem}` });
    else clean[q.id] = value;
  }
  return { errors, clean };
}

function checkOne(q: Question, value: AnswerValue): string | null {
  switch (q.type) {
    case 'text':
      if (typeof value !== 'string') return 'please write an answer';
      return value.length > q.maxLength ? `please keep it under ${q.maxLength} characters` : null;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'please give a number';
      if (q.min !== undefined && value < q.min) return `must be at least ${q.min}`;
      if (q.max !== undefined && value > q.max) return `must be at most ${q.max}`;
      return null;
    }
    case 'single_choice':
      return typeof value === 'string' && q.choices.some((c) => c.value === value) ? null : 'please pick one of the choices';
    case 'multiple_choice':
      return Array.isArray(value) && value.every((v) => q.choices.some((c) => c.value === v)) && new Set(value).size === value.length ? null : 'please pick from the choices';
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'please answer yes or no';
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : 'please give a date as YYYY-MM-DD';
  }
}
