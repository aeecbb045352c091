/**
 * The report flow's state: which steps there are (the "similar" step only when there are
 * similar reports), where the draft may go, Next and Back, looking for similar reports, and
 * sending through the outbox. The draft itself lives in draft.ts; the views only read this.
 */
import { createEffect, createMemo, createSignal, on, onCleanup } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import { fetchNearby } from '../api/client.ts';
import type { NearbyFeature } from '../api/types.ts';
import { uuid } from '../device.ts';
import { locale, t } from '../i18n/index.ts';
import { online } from '../net.ts';
import { addToOutbox, flushOutbox, newEntry } from '../outbox/outbox.ts';
import { findCategory } from '../reports/categories.ts';
import { FLOW_STEPS, flowHref, MAP_HREF, navigate, sentHref, type FlowStep } from '../router.ts';
import { anchorOf, draft, reportBody, resetDraft, setDraft, setErrors, stepOfField } from './draft.ts';
import type { FlowMap } from './flow-map.ts';
import { checkStep, visibleAnswers } from './validate.ts';

/** How long to wait for nearby reports before going on without them (weak signal). */
const NEARBY_TIMEOUT_MS = 6000;

/** The step after `step` when its checks pass (the "draw" step asks whether there are similar reports). */
const NEXT: Partial<Record<FlowStep, FlowStep>> = { where: 'what', what: 'draw', similar: 'details', details: 'photos', photos: 'contact', contact: 'review' };

/** Open reports near the drawn shape, to offer "support this instead"; `undefined` when the answer did not come in time. */
async function similarNear(geometry: NonNullable<typeof draft.geometry>, category: string): Promise<NearbyFeature[] | undefined> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NEARBY_TIMEOUT_MS);
  try {
    const [lon, lat] = anchorOf(geometry);
    return (await fetchNearby(lon, lat, category, controller.signal)).features;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** Every step checked again before sending: the first step's problems, if any. */
function firstProblems(c: Category | undefined): Record<string, string> | undefined {
  for (const step of ['where', 'what', 'draw', 'details', 'contact'] as const) {
    const errors = checkStep(step, c);
    if (Object.keys(errors).length) return errors;
  }
  return undefined;
}

/** Puts the draft in the outbox (safe on the phone from now, under its own Idempotency-Key), starts sending, and returns the key. */
async function queueReport(c: Category): Promise<string> {
  const key = uuid();
  const body = reportBody(c, visibleAnswers(c, draft.answers), locale());
  await addToOutbox(
    newEntry(
      key,
      body,
      draft.photos.map((p) => p.blob),
      c.responseDays,
    ),
  );
  resetDraft();
  void flushOutbox(true);
  return key;
}

export interface FlowOptions {
  step: () => FlowStep;
  categories: () => readonly Category[];
  map: () => FlowMap | undefined;
  focusSummary: () => void;
}

export function createReportFlow(options: FlowOptions) {
  const category = createMemo(() => (draft.category ? findCategory(options.categories(), draft.category) : undefined));
  const steps = createMemo(() => FLOW_STEPS.filter((s) => s !== 'similar' || draft.hasSimilar));
  const [similar, setSimilar] = createSignal<NearbyFeature[]>([]);
  const [busy, setBusy] = createSignal(false);
  /** The similar step says thank you in its heading once the resident supported a report instead. */
  const [supportedInstead, setSupportedInstead] = createSignal(false);
  // Supported an existing report instead: this draft is done with once the resident leaves.
  onCleanup(() => {
    if (supportedInstead()) resetDraft();
  });

  /** The first step the draft is not ready to go past; later steps redirect there. */
  const firstIncomplete = (): FlowStep | undefined => {
    if (!draft.location) return 'where';
    if (!category()) return 'what';
    if (!draft.geometry || draft.geometry.type !== draft.kind) return 'draw';
    return undefined;
  };
  const allowed = (step: FlowStep) => {
    const missing = firstIncomplete();
    if (step === 'similar' && !draft.hasSimilar) return false;
    return !missing || FLOW_STEPS.indexOf(step) <= FLOW_STEPS.indexOf(missing);
  };
  createEffect(() => {
    if (!supportedInstead() && !allowed(options.step())) navigate(flowHref(firstIncomplete() ?? 'details'), true);
  });
  // Leaving the similar step after supporting another report: this draft is finished.
  createEffect(
    on(
      options.step,
      () => {
        if (supportedInstead()) {
          setSupportedInstead(false);
          resetDraft();
        }
      },
      { defer: true },
    ),
  );

  const position = () => steps().indexOf(options.step()) + 1;
  const stepName = () => t().flow.steps[options.step()];
  const title = () => (options.step() === 'similar' && supportedInstead() ? t().flow.similar.doneHeading : t().flow[options.step()].heading);

  /** An answer's error names its question in the summary, where the field is not beside it. */
  const errorLabel = (field: string) => {
    if (!field.startsWith('answers.')) return undefined;
    const q = category()?.questions.find((x) => x.id === field.slice('answers.'.length));
    return q ? (q.label[locale()] ?? q.label.en) : undefined;
  };
  const showErrors = (errors: Record<string, string>) => {
    setErrors(errors);
    queueMicrotask(options.focusSummary);
  };
  const go = (step: FlowStep) => navigate(flowHref(step));

  async function next() {
    const step = options.step();
    if (step === 'draw') options.map()?.finish();
    const errors = checkStep(step, category());
    if (Object.keys(errors).length) return showErrors(errors);
    if (step === 'draw') return go((await findSimilar()) ? 'similar' : 'details');
    if (step === 'review') return send();
    const to = NEXT[step];
    if (to) go(to);
  }

  async function findSimilar(): Promise<boolean> {
    const geometry = draft.geometry;
    const c = category();
    if (!geometry || !c || !online()) {
      setDraft('hasSimilar', false);
      return false;
    }
    setBusy(true);
    try {
      const found = await similarNear(geometry, c.code);
      if (found) setSimilar(found);
      setDraft('hasSimilar', !!found && found.length > 0);
    } finally {
      setBusy(false);
    }
    return draft.hasSimilar;
  }

  function back() {
    const i = steps().indexOf(options.step());
    if (i <= 0) navigate(MAP_HREF);
    else go(steps()[i - 1]!);
  }

  /** Send: checked again, into the outbox, and on to the confirmation page that follows it. */
  async function send() {
    const c = category();
    const errors = firstProblems(c);
    if (errors) {
      go(stepOfField(Object.keys(errors)[0]!));
      queueMicrotask(() => showErrors(errors));
      return;
    }
    if (!c) return;
    setBusy(true);
    try {
      const key = await queueReport(c);
      navigate(sentHref(key));
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    resetDraft();
    navigate(MAP_HREF);
  }

  return { category, steps, similar, busy, supportedInstead, setSupportedInstead, position, stepName, title, errorLabel, go, next, back, cancel };
}

export type ReportFlowState = ReturnType<typeof createReportFlow>;
