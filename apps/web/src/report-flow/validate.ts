/**
 * Client-side checks, step by step, with the same rules as the API: answers go through
 * core's `checkAnswers` (the function the API runs); the messages are the app's own, in the
 * resident's language.
 */
import { checkAnswers, isQuestionShown, MAX_DESCRIPTION, type Answers, type AnswerValue, type Category, type Question } from '@groundswell/core/rules';
import { format, formatNumber, t } from '../i18n/index.ts';
import type { FlowStep } from '../router.ts';
import { draft } from './draft.ts';

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** The API's rule for phone numbers (core's ContactInputSchema). */
export const PHONE = /^[+()0-9 .-]{6,30}$/;
export const MAX_NAME = 200;
export { MAX_DESCRIPTION };

const isEmpty = (v: AnswerValue | undefined) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Why one answer is not accepted, in the resident's words. */
export function answerMessage(q: Question, value: AnswerValue | undefined): string {
  const m = t().flow.details;
  if (isEmpty(value)) return m.answerRequired;
  switch (q.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return m.numberInvalid;
      if (q.min !== undefined && value < q.min) return format(m.numberMin, { min: formatNumber(q.min, 6) });
      if (q.max !== undefined && value > q.max) return format(m.numberMax, { max: formatNumber(q.max, 6) });
      return m.invalid;
    case 'text':
      return format(m.textTooLong, { max: formatNumber(q.maxLength ?? 500) });
    case 'date':
      return m.dateInvalid;
    case 'single_choice':
    case 'multiple_choice':
      return m.choiceInvalid;
    default:
      return m.invalid;
  }
}

/** The answers to questions the resident can see (hidden ones are dropped, as the API does). */
export function visibleAnswers(category: Category, answers: Answers): Answers {
  const out: Answers = {};
  for (const q of category.questions) {
    if (isQuestionShown(q, answers) && !isEmpty(answers[q.id])) out[q.id] = answers[q.id]!;
  }
  return out;
}

export function checkDetails(category: Category | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const m = t().flow.details;
  const description = draft.description.trim();
  if (!description) errors.description = m.descriptionRequired;
  else if (description.length > MAX_DESCRIPTION) errors.description = format(m.descriptionTooLong, { max: formatNumber(MAX_DESCRIPTION) });
  if (category) {
    const answers = visibleAnswers(category, draft.answers);
    for (const e of checkAnswers(category.questions, answers).errors) {
      const id = e.field.replace(/^answers\./, '');
      const q = category.questions.find((x) => x.id === id);
      if (q) errors[e.field] = answerMessage(q, answers[id]);
    }
  }
  return errors;
}

export function checkContact(category: Category | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const m = t().flow.contact;
  const required = category?.contactRequired ?? { name: false, email: false, phone: false };
  const name = draft.contact.name.trim();
  const email = draft.contact.email.trim();
  const phone = draft.contact.phone.trim();
  if (!name && required.name) errors['contact.name'] = m.nameRequired;
  else if (name.length > MAX_NAME) errors['contact.name'] = m.nameTooLong;
  if (!email && required.email) errors['contact.email'] = m.emailRequired;
  else if (email && !EMAIL.test(email)) errors['contact.email'] = m.emailInvalid;
  if (!phone && required.phone) errors['contact.phone'] = m.phoneRequired;
  else if (phone && !PHONE.test(phone)) errors['contact.phone'] = m.phoneInvalid;
  return errors;
}

/** The errors that keep the resident on `step`. */
export function checkStep(step: FlowStep, category: Category | undefined): Record<string, string> {
  const m = t().flow;
  switch (step) {
    case 'where':
      return draft.location ? {} : { location: m.where.required };
    case 'what':
      return category ? {} : { category: m.what.required };
    case 'draw':
      return draft.geometry && draft.geometry.type === draft.kind ? {} : { geometry: m.draw.required };
    case 'details':
      return checkDetails(category);
    case 'contact':
      return checkContact(category);
    default:
      return {};
  }
}
