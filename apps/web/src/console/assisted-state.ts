/**
 * The assisted-report form's state: the channel, the resident, the report and its answers,
 * the problems found here or by the server (each with the field to jump to), and sending.
 * The place is edited on the map (see Assisted.tsx), which hands its geometry in here.
 */
import { createSignal } from 'solid-js';
import { isQuestionShown, type AnswerValue, type Category, type GeometryKind } from '@groundswell/core/rules';
import { staffApi } from './api.ts';
import { ct, locale } from './i18n/index.ts';
import { createSubmit } from './ui.tsx';
import type { GeometryInput } from './types.ts';

/** The id of the control a problem's field belongs to, for the summary's links. */
export function problemTarget(field: string): string {
  if (field.startsWith('answers.')) return `c-new-q-${field.slice(8).split('.')[0]}`;
  if (field.startsWith('contact.')) return `c-new-${field.slice(8).split('.')[0]}`;
  if (field.startsWith('geometry')) return 'c-new-place';
  return `c-new-${field.split('.')[0]}`;
}

/** A copy of the answers with one changed; `undefined` removes it. */
export function withAnswer(answers: Record<string, AnswerValue>, id: string, value: AnswerValue | undefined): Record<string, AnswerValue> {
  const next = { ...answers };
  if (value === undefined) delete next[id];
  else next[id] = value;
  return next;
}

/** What the form starts with when it is opened from elsewhere (a mention in the listening inbox). */
export interface AssistedInitial {
  channel?: string;
  source?: string;
  category?: string;
  geometry?: GeometryInput | undefined;
  description?: string;
}

export function createAssisted(options: { categories: () => readonly Category[]; create?: (body: AssistedBody) => Promise<{ id: string }>; initial?: AssistedInitial }) {
  const create = options.create ?? staffApi.create;
  const initial = options.initial ?? {};
  const [channel, setChannel] = createSignal<string>(initial.channel ?? 'phone');
  const [source, setSource] = createSignal(initial.source ?? '');
  const [name, setName] = createSignal('');
  const [email, setEmail] = createSignal('');
  const [phone, setPhone] = createSignal('');
  const [showName, setShowName] = createSignal(false);
  const [residentLocale, setResidentLocale] = createSignal<string>(locale());
  const [code, setCode] = createSignal(initial.category ?? '');
  const [geometry, setGeometry] = createSignal<GeometryInput | undefined>(initial.geometry);
  const [description, setDescription] = createSignal(initial.description ?? '');
  const [answers, setAnswers] = createSignal<Record<string, AnswerValue>>({});
  const [created, setCreated] = createSignal<string>();
  const [localErrors, setLocalErrors] = createSignal<Record<string, string>>({});
  const submit = createSubmit();

  const category = (): Category | undefined => options.categories().find((c) => c.code === code());
  const kinds = (): GeometryKind[] => (category()?.geometryTypes as GeometryKind[] | undefined) ?? ['Point'];
  const shown = () => (category()?.questions ?? []).filter((q) => isQuestionShown(q, answers()));

  const errors = () => submit.fields();
  const errorFor = (prefix: string) => Object.entries(errors()).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1];
  const err = (key: string) => localErrors()[key] ?? errorFor(key);
  /** Every problem with a link to its field, for the summary. */
  const problems = () => Object.entries({ ...errors(), ...localErrors() }).map(([field, message]) => ({ field, message, target: problemTarget(field) }));

  function body(): AssistedBody {
    const contact = Object.fromEntries(Object.entries({ name: name().trim(), email: email().trim(), phone: phone().trim() }).filter(([, v]) => v));
    const keep = new Set(shown().map((q) => q.id));
    return {
      channel: channel(),
      ...(source().trim() ? { channelSource: source().trim() } : {}),
      category: code(),
      geometry: geometry(),
      description: description().trim(),
      answers: Object.fromEntries(Object.entries(answers()).filter(([k]) => keep.has(k))),
      contact,
      showName: showName() && !!contact.name,
      locale: residentLocale(),
    };
  }

  /** Checks what can be checked here, then sends: `created` when the server took it. */
  async function send(): Promise<'invalid' | 'created' | 'failed'> {
    const m = ct().assisted;
    const local: Record<string, string> = {};
    if (!code()) local.category = m.chooseCategory;
    if (!geometry()) local.geometry = m.noPlace;
    if (!description().trim()) local.description = m.noDescription;
    if (Object.keys(local).length) {
      submit.clear();
      setLocalErrors(local);
      return 'invalid';
    }
    setLocalErrors({});
    const res = await submit.run(() => create(body()));
    if (!res) return 'failed';
    setCreated(res.id);
    return 'created';
  }

  /** Ready for the next report: the channel, the language and the category stay. */
  function reset() {
    setCreated(undefined);
    setSource('');
    setName('');
    setEmail('');
    setPhone('');
    setShowName(false);
    setDescription('');
    setAnswers({});
    setLocalErrors({});
    submit.clear();
  }

  return {
    channel,
    setChannel,
    source,
    setSource,
    name,
    setName,
    email,
    setEmail,
    phone,
    setPhone,
    showName,
    setShowName,
    residentLocale,
    setResidentLocale,
    code,
    chooseCategory: (next: string) => {
      setCode(next);
      setAnswers({});
    },
    geometry,
    setGeometry,
    description,
    setDescription,
    answers,
    setAnswer: (id: string, value: AnswerValue | undefined) => setAnswers(withAnswer(answers(), id, value)),
    created,
    category,
    kinds,
    shown,
    err,
    problems,
    submit,
    send,
    reset,
  };
}

export type AssistedState = ReturnType<typeof createAssisted>;

/** What the form sends (POST /api/staff/reports). */
export interface AssistedBody {
  channel: string;
  channelSource?: string;
  category: string;
  geometry: GeometryInput | undefined;
  description: string;
  answers: Record<string, AnswerValue>;
  contact: Record<string, string>;
  showName: boolean;
  locale: string;
}
