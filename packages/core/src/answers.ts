import type { FieldError } from './errors.ts';
import { localized, type Question } from './categories.ts';
import { say } from './problem-messages.ts';

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
    if (!known.has(id)) errors.push({ field: `answers.${id}`, message: say('answer_unknown_question') });
  }
  for (const q of questions) {
    const field = `answers.${q.id}`;
    const label = localized(q.label, locale);
    const value = answers[q.id];
    if (!isQuestionShown(q, answers)) continue;
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
      if (q.required) errors.push({ field, message: say('answer_required', { label }) });
      continue;
    }
    const problem = checkOne(q, value);
    if (problem) errors.push({ field, message: say('answer_problem', { label, message: problem }) });
    else clean[q.id] = value;
  }
  return { errors, clean };
}

function checkOne(q: Question, value: AnswerValue): string | null {
  switch (q.type) {
    case 'text':
      if (typeof value !== 'string') return say('answer_write');
      return value.length > q.maxLength ? say('answer_too_long', { max: q.maxLength }) : null;
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return say('answer_number');
      if (q.min !== undefined && value < q.min) return say('answer_at_least', { min: q.min });
      if (q.max !== undefined && value > q.max) return say('answer_at_most', { max: q.max });
      return null;
    }
    case 'single_choice':
      return typeof value === 'string' && q.choices.some((c) => c.value === value) ? null : say('answer_pick_one');
    case 'multiple_choice':
      return Array.isArray(value) && value.every((v) => q.choices.some((c) => c.value === v)) && new Set(value).size === value.length ? null : say('answer_pick_from');
    case 'yes_no':
      return typeof value === 'boolean' ? null : say('answer_yes_no');
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? null : say('answer_date');
  }
}

/**
 * Answers in the order the category's form asks its questions, wherever they are shown (the
 * stored object's key order is the database's, not the form's); answers to questions the form
 * no longer has come last, in the order given.
 */
export function answersInFormOrder<V>(questions: readonly { id: string }[], answers: Readonly<Record<string, V>>): [string, V][] {
  const position = new Map(questions.map((q, i) => [q.id, i]));
  const at = (id: string) => position.get(id) ?? questions.length;
  return Object.entries(answers)
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => at(a.entry[0]) - at(b.entry[0]) || a.i - b.i)
    .map(({ entry }) => entry);
}
