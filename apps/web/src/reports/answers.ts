import { answersInFormOrder, type Category, type Question } from '@groundswell/core/rules';
import { locale, t } from '../i18n/index.ts';

type AnswerValue = string | number | boolean | string[];
const text = (value: { en: string; [k: string]: string }) => value[locale()] ?? value.en;

function answerText(question: Question | undefined, value: AnswerValue): string {
  if (typeof value === 'boolean') return value ? t().report.yes : t().report.no;
  const choices = question && 'choices' in question ? question.choices : [];
  const choice = (v: string) => {
    const found = choices.find((c) => c.value === v);
    return found ? text(found.label) : v;
  };
  if (Array.isArray(value)) return value.map(choice).join(', ');
  if (typeof value === 'number') return question?.type === 'number' && question.unit ? `${value} ${question.unit}` : String(value);
  return choice(value);
}

/** The resident's answers to the category's questions, as label/value text pairs in form order. */
export function answerRows(category: Category | undefined, answers: Record<string, AnswerValue>): { label: string; value: string }[] {
  const questions = category?.questions ?? [];
  return answersInFormOrder(questions, answers)
    .map(([id, value]) => {
      const question = questions.find((q) => q.id === id);
      return { label: question ? text(question.label) : id, value: answerText(question, value) };
    })
    .filter((row) => row.value !== '');
}
