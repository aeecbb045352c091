/**
 * `#/report…`: the resident's report flow, one step per screen, with a progress line, Back
 * and Next. Loaded on demand (with terra-draw and exifr), so the home screen stays light.
 * Every step's heading takes focus when it opens; errors are listed at the top and shown
 * beside their fields; the map is never the only way through (GPS and place search place
 * the report, and shapes can be drawn with the keyboard).
 */
import { createEffect, createMemo, createSignal, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { Category } from '@groundswell/core';
import { fetchNearby } from '../api/client.ts';
import type { NearbyFeature, SiteConfig } from '../api/types.ts';
import { format, t } from '../i18n/index.ts';
import { online } from '../net.ts';
import { addToOutbox, flushOutbox, newEntry } from '../outbox/outbox.ts';
import { FLOW_STEPS, flowHref, MAP_HREF, navigate, sentHref, type FlowStep } from '../router.ts';
import { uuid } from '../device.ts';
import { locale } from '../i18n/index.ts';
import { findCategory } from '../reports/categories.ts';
import { anchorOf, draft, reportBody, resetDraft, setDraft, setErrors, stepOfField } from './draft.ts';
import { FlowMap } from './flow-map.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { checkStep, visibleAnswers } from './validate.ts';
import { WhereStep } from './steps/WhereStep.tsx';
import { WhatStep } from './steps/WhatStep.tsx';
import { DrawStep } from './steps/DrawStep.tsx';
import { SimilarStep } from './steps/SimilarStep.tsx';
import { DetailsStep } from './steps/DetailsStep.tsx';
import { PhotosStep } from './steps/PhotosStep.tsx';
import { ContactStep } from './steps/ContactStep.tsx';
import { ReviewStep } from './steps/ReviewStep.tsx';

/** How long to wait for nearby reports before going on without them (weak signal). */
const NEARBY_TIMEOUT_MS = 6000;

export default function ReportFlow(props: { step: FlowStep; config: SiteConfig; categories: readonly Category[]; siteName: string }) {
  const category = createMemo(() => (draft.category ? findCategory(props.categories, draft.category) : undefined));
  const steps = createMemo(() => FLOW_STEPS.filter((s) => s !== 'similar' || draft.hasSimilar));
  const [similar, setSimilar] = createSignal<NearbyFeature[]>([]);
  const [busy, setBusy] = createSignal(false);
  const [fallbackNotice, setFallbackNotice] = createSignal(false);
  const [flowMap, setFlowMap] = createSignal<FlowMap>();
  let mapContainer!: HTMLDivElement;
  let heading: HTMLHeadingElement | undefined;
  let summary: HTMLDivElement | undefined;

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
    if (!supportedInstead() && !allowed(props.step)) navigate(flowHref(firstIncomplete() ?? 'details'), true);
  });

  const isMapStep = () => props.step === 'where' || props.step === 'draw';
  const position = () => steps().indexOf(props.step) + 1;
  const stepName = () => t().flow.steps[props.step];
  const title = () => (props.step === 'similar' && supportedInstead() ? t().flow.similar.doneHeading : t().flow[props.step].heading);

  onMount(() => {
    const map = new FlowMap(mapContainer, props.config, props.categories, { map: t().map.canvas, zoomIn: t().map.zoomIn, zoomOut: t().map.zoomOut }, () => setFallbackNotice(true));
    setFlowMap(map);
    onCleanup(() => map.remove());
  });

  // Each step opens at its heading: focus moves there and screen readers read it.
  createEffect(
    on(
      () => props.step,
      () => {
        const carried = draft.carryErrors;
        setErrors(carried ?? {});
        if (carried) setDraft('carryErrors', undefined);
        queueMicrotask(() => {
          flowMap()?.resize();
          document.querySelector('.flow-body')?.scrollTo(0, 0);
          (carried ? summary : heading)?.focus();
        });
      },
    ),
  );
  createEffect(() => {
    document.title = `${stepName()} · ${t().flow.title} · ${props.siteName}`;
  });

  createEffect(
    on(
      () => props.step,
      () => {
        if (supportedInstead()) {
          setSupportedInstead(false);
          resetDraft();
        }
      },
      { defer: true },
    ),
  );

  /** An answer's error names its question in the summary, where the field is not beside it. */
  const errorLabel = (field: string) => {
    if (!field.startsWith('answers.')) return undefined;
    const q = category()?.questions.find((x) => x.id === field.slice('answers.'.length));
    return q ? (q.label[locale()] ?? q.label.en) : undefined;
  };

  const showErrors = (errors: Record<string, string>) => {
    setErrors(errors);
    queueMicrotask(() => summary?.focus());
  };

  const go = (step: FlowStep) => navigate(flowHref(step));

  async function next() {
    const step = props.step;
    if (step === 'draw') flowMap()?.finish();
    const errors = checkStep(step, category());
    if (Object.keys(errors).length) return showErrors(errors);
    switch (step) {
      case 'where':
        return go('what');
      case 'what':
        return go('draw');
      case 'draw':
        return go((await findSimilar()) ? 'similar' : 'details');
      case 'similar':
        return go('details');
      case 'details':
        return go('photos');
      case 'photos':
        return go('contact');
      case 'contact':
        return go('review');
      case 'review':
        return send();
    }
  }

  /** Open reports near the drawn shape, to offer "support this instead". */
  async function findSimilar(): Promise<boolean> {
    const geometry = draft.geometry;
    const c = category();
    if (!geometry || !c || !online()) {
      setDraft('hasSimilar', false);
      return false;
    }
    setBusy(true);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), NEARBY_TIMEOUT_MS);
    try {
      const [lon, lat] = anchorOf(geometry);
      const found = (await fetchNearby(lon, lat, c.code, controller.signal)).features;
      setSimilar(found);
      setDraft('hasSimilar', found.length > 0);
    } catch {
      setDraft('hasSimilar', false);
    } finally {
      clearTimeout(timer);
      setBusy(false);
    }
    return draft.hasSimilar;
  }

  function back() {
    const i = steps().indexOf(props.step);
    if (i <= 0) navigate(MAP_HREF);
    else go(steps()[i - 1]!);
  }

  /**
   * Send: every step is checked again, then the report goes into the outbox (safe on the
   * phone from this moment, under its own Idempotency-Key) and is sent from there; the
   * confirmation page follows it.
   */
  async function send() {
    const c = category();
    for (const step of ['where', 'what', 'draw', 'details', 'contact'] as const) {
      const errors = checkStep(step, c);
      if (Object.keys(errors).length) {
        go(stepOfField(Object.keys(errors)[0]!));
        queueMicrotask(() => showErrors(errors));
        return;
      }
    }
    if (!c) return;
    setBusy(true);
    try {
      const key = uuid();
      const body = reportBody(c, visibleAnswers(c, draft.answers), locale());
      await addToOutbox(newEntry(key, body, draft.photos.map((p) => p.blob), c.responseDays));
      resetDraft();
      void flushOutbox(true);
      navigate(sentHref(key));
    } finally {
      setBusy(false);
    }
  }

  function cancel() {
    resetDraft();
    navigate(MAP_HREF);
  }

  return (
    <div class="flow" data-step={props.step} classList={{ 'flow-with-map': isMapStep() }}>
      <header class="flow-head">
        <div class="flow-progress">
          <p class="flow-progress-text" id="flow-progress">
            {format(t().flow.progress, { n: position(), total: steps().length, name: stepName() })}
          </p>
          <div class="flow-progress-track" aria-hidden="true">
            <span class="flow-progress-bar" style={{ width: `${(position() / steps().length) * 100}%` }} />
          </div>
        </div>
        <button type="button" class="button button-quiet flow-cancel" onClick={cancel} aria-label={t().flow.cancel}>
          {t().flow.cancelShort}
        </button>
      </header>

      <div class="flow-map" hidden={!isMapStep()}>
        <div ref={mapContainer} class="map" role="region" aria-label={props.step === 'draw' ? t().flow.draw.mapLabel : t().flow.where.mapLabel} />
        <Show when={props.step === 'draw'}>
          <svg class="crosshair" viewBox="0 0 48 48" aria-hidden="true">
            <path d="M24 2v13M24 33v13M2 24h13M33 24h13" />
          </svg>
        </Show>
        <p class="map-badge" role="status" hidden={!fallbackNotice()}>
          {fallbackNotice() ? t().map.fallbackNotice : ''}
        </p>
      </div>

      <div class="flow-body">
        <form
          id="flow-form"
          class="flow-form"
          novalidate
          aria-describedby="flow-progress"
          onSubmit={(e) => {
            e.preventDefault();
            if (!busy()) void next();
          }}
        >
          <h1 class="flow-title" ref={heading} tabindex="-1">
            {title()}
          </h1>
          <Show when={!online()}>
            <p class="callout callout-offline">{t().offline.banner}</p>
          </Show>
          <ErrorSummary ref={(el) => (summary = el)} labelOf={errorLabel} />
          <Switch>
            <Match when={props.step === 'where'}>
              <WhereStep map={flowMap()} />
            </Match>
            <Match when={props.step === 'what'}>
              <WhatStep categories={props.categories} onChosen={() => go('draw')} />
            </Match>
            <Match when={props.step === 'draw' && category()}>
              {(c) => <DrawStep map={flowMap()} category={c()} />}
            </Match>
            <Match when={props.step === 'similar' && category()}>
              {(c) => <SimilarStep
                  reports={similar()}
                  category={c()}
                  categories={props.categories}
                  onDifferent={() => go('details')}
                  onSupported={() => {
                    setSupportedInstead(true);
                    queueMicrotask(() => heading?.focus());
                  }}
                />}
            </Match>
            <Match when={props.step === 'details' && category()}>
              {(c) => <DetailsStep category={c()} />}
            </Match>
            <Match when={props.step === 'photos'}>
              <PhotosStep map={flowMap()} onRedraw={() => go('draw')} />
            </Match>
            <Match when={props.step === 'contact' && category()}>
              {(c) => <ContactStep category={c()} />}
            </Match>
            <Match when={props.step === 'review' && category()}>
              {(c) => <ReviewStep category={c()} />}
            </Match>
          </Switch>
        </form>
      </div>

      <Show when={props.step !== 'similar'}>
        <nav class="flow-nav" aria-label={t().flow.title}>
          <button type="button" class="button flow-back" onClick={back}>
            <span aria-hidden="true">← </span>
            {t().flow.back}
          </button>
          <button type="submit" form="flow-form" class="button button-primary flow-next" disabled={busy()} aria-busy={busy() ? 'true' : undefined}>
            {props.step === 'review' ? t().flow.review.send : t().flow.next}
            <Show when={props.step !== 'review'}>
              <span aria-hidden="true"> →</span>
            </Show>
          </button>
        </nav>
      </Show>
    </div>
  );
}
