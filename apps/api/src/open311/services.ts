/** Our categories as Open311 services, and their question forms as service definitions. */
import { localized, type Answers, type Question } from '@groundswell/core';
import type { CategoryRow } from '@groundswell/db';

const DATATYPE: Record<Question['type'], string> = {
  text: 'text',
  number: 'number',
  single_choice: 'singlevaluelist',
  multiple_choice: 'multivaluelist',
  yes_no: 'singlevaluelist',
  date: 'datetime',
};

export function toService(row: CategoryRow) {
  return {
    service_code: row.code,
    service_name: localized(row.name, 'en'),
    description: row.description ? localized(row.description, 'en') : null,
    metadata: row.questions.length > 0,
    type: 'realtime',
    keywords: row.geometryTypes.map((g) => ({ Point: 'point', LineString: 'line', Polygon: 'area' })[g]).join(','),
    group: row.group ?? null,
  };
}

function datatypeDescription(q: Question, all: Question[]): string | null {
  const notes: string[] = [];
  if (q.type === 'text') notes.push(`Up to ${q.maxLength} characters`);
  if (q.type === 'number') {
    if (q.min !== undefined && q.max !== undefined) notes.push(`A number from ${q.min} to ${q.max}${q.unit ? ` (${q.unit})` : ''}`);
    else if (q.unit) notes.push(`A number in ${q.unit}`);
  }
  if (q.type === 'date') notes.push('A date, YYYY-MM-DD');
  if (q.type === 'multiple_choice') notes.push('Send each chosen key as attribute[code][]');
  if (q.showIf) {
    const other = all.find((o) => o.id === q.showIf!.question);
    notes.push(`Only asked when ${other ? `"${localized(other.label, 'en')}"` : q.showIf.question} is ${q.showIf.in.map(String).join(' or ')}`);
  }
  return notes.length ? notes.join('. ') : null;
}

export function toServiceDefinition(row: CategoryRow) {
  return {
    service_code: row.code,
    attributes: row.questions.map((q, i) => ({
      variable: true,
      code: q.id,
      datatype: DATATYPE[q.type],
      // A question that depends on another is required only when it is asked.
      required: q.required && !q.showIf,
      datatype_description: datatypeDescription(q, row.questions),
      order: i + 1,
      description: localized(q.label, 'en'),
      ...(q.type === 'single_choice' || q.type === 'multiple_choice'
        ? { values: q.choices.map((ch) => ({ key: ch.value, name: localized(ch.label, 'en') })) }
        : q.type === 'yes_no'
          ? {
              values: [
                { key: 'true', name: 'Yes' },
                { key: 'false', name: 'No' },
              ],
            }
          : {}),
    })),
  };
}

/** `attribute[code]` form values as answers of the right type; checkAnswers judges them after. */
export function answersFromAttributes(questions: Question[], attributes: Record<string, string | string[]>): Answers {
  const answers: Answers = {};
  for (const [code, raw] of Object.entries(attributes)) {
    const q = questions.find((x) => x.id === code);
    const first = Array.isArray(raw) ? (raw[0] ?? '') : raw;
    if (!q) {
      answers[code] = first;
      continue;
    }
    switch (q.type) {
      case 'number':
        answers[code] = first.trim() !== '' && Number.isFinite(Number(first)) ? Number(first) : first;
        break;
      case 'yes_no':
        answers[code] = /^(true|yes|1)$/i.test(first) ? true : /^(false|no|0)$/i.test(first) ? false : first;
        break;
      case 'multiple_choice':
        answers[code] = (Array.isArray(raw) ? raw : raw.split(',')).map((s) => s.trim()).filter(Boolean);
        break;
      case 'date':
        answers[code] = /^\d{4}-\d{2}-\d{2}T/.test(first) ? first.slice(0, 10) : first;
        break;
      default:
        answers[code] = first;
    }
  }
  return answers;
}
