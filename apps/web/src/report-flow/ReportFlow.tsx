/**
 * `#/report…`: the resident's report flow, one step per screen, with a progress line, Back
 * and Next. Loaded on demand (with terra-draw and exifr), so the home screen stays light.
 * Every step's heading takes focus when it opens; errors are listed at the top and shown
 * beside their fields; the map is never the only way through (GPS and place search place
 * the report, and shapes can be drawn with the keyboard).
 */
import { createEffect, createSignal, Match, on, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import { format, t } from '../i18n/index.ts';
import { online } from '../net.ts';
import type { FlowStep } from '../router.ts';
import { draft, setDraft, setErrors } from './draft.ts';
import { FlowMap } from './flow-map.ts';
import { createReportFlow, type ReportFlowState } from './flow-state.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import { WhereStep } from './steps/WhereStep.tsx';
import { WhatStep } from './steps/WhatStep.tsx';
import { DrawStep } from './steps/DrawStep.tsx';
import { SimilarStep } from './steps/SimilarStep.tsx';
import { DetailsStep } from './steps/DetailsStep.tsx';
import { PhotosStep } from './steps/PhotosStep.tsx';
import { ContactStep } from './steps/ContactStep.tsx';
import { ReviewStep } from './steps/ReviewStep.tsx';

function FlowHeader(props: { f: ReportFlowState }) {
  const f = props.f;
  return (
    <header class="flow-head">
      <div class="flow-progress">
        <p class="flow-progress-text" id="flow-progress">
          {format(t().flow.progress, { n: f.position(), total: f.steps().length, name: f.stepName() })}
        </p>
        <div class="flow-progress-track" aria-hidden="true">
          <span class="flow-progress-bar" style={{ width: `${(f.position() / f.steps().length) * 100}%` }} />
        </div>
      </div>
      <button type="button" class="button button-quiet flow-cancel" onClick={() => f.cancel()} aria-label={t().flow.cancel}>
        {t().flow.cancelShort}
      </button>
    </header>
  );
}

function FlowNav(props: { f: ReportFlowState; step: FlowStep }) {
  return (
    <nav class="flow-nav" aria-label={t().flow.title}>
      <button type="button" class="button flow-back" onClick={() => props.f.back()}>
        <span aria-hidden="true">← </span>
        {t().flow.back}
      </button>
      <button type="submit" form="flow-form" class="button button-primary flow-next" disabled={props.f.busy()} aria-busy={props.f.busy() ? 'true' : undefined}>
        {props.step === 'review' ? t().flow.review.send : t().flow.next}
        <Show when={props.step !== 'review'}>
          <span aria-hidden="true"> →</span>
        </Show>
      </button>
    </nav>
  );
}

function Steps(props: { f: ReportFlowState; step: FlowStep; map: FlowMap | undefined; config: SiteConfig; categories: readonly Category[]; focusHeading: () => void }) {
  const f = props.f;
  return (
    <Switch>
      <Match when={props.step === 'where'}>
        <WhereStep map={props.map} />
      </Match>
      <Match when={props.step === 'what'}>
        <WhatStep categories={props.categories} onChosen={() => f.go('draw')} />
      </Match>
      <Match when={props.step === 'draw' && f.category()}>{(c) => <DrawStep map={props.map} category={c()} />}</Match>
      <Match when={props.step === 'similar' && f.category()}>
        {(c) => (
          <SimilarStep
            reports={f.similar()}
            category={c()}
            categories={props.categories}
            onDifferent={() => f.go('details')}
            onSupported={() => {
              f.setSupportedInstead(true);
              queueMicrotask(props.focusHeading);
            }}
          />
        )}
      </Match>
      <Match when={props.step === 'details' && f.category()}>{(c) => <DetailsStep category={c()} />}</Match>
      <Match when={props.step === 'photos'}>
        <PhotosStep map={props.map} onRedraw={() => f.go('draw')} />
      </Match>
      <Match when={props.step === 'contact' && f.category()}>{(c) => <ContactStep category={c()} />}</Match>
      <Match when={props.step === 'review' && f.category()}>{(c) => <ReviewStep category={c()} config={props.config} />}</Match>
    </Switch>
  );
}

export default function ReportFlow(props: { step: FlowStep; config: SiteConfig; categories: readonly Category[]; siteName: string }) {
  const [fallbackNotice, setFallbackNotice] = createSignal(false);
  const [flowMap, setFlowMap] = createSignal<FlowMap>();
  let mapContainer!: HTMLDivElement;
  let heading: HTMLHeadingElement | undefined;
  let summary: HTMLDivElement | undefined;
  const f = createReportFlow({ step: () => props.step, categories: () => props.categories, map: flowMap, focusSummary: () => summary?.focus() });
  const isMapStep = () => props.step === 'where' || props.step === 'draw';

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
    document.title = `${f.stepName()} · ${t().flow.title} · ${props.siteName}`;
  });

  return (
    <div class="flow" data-step={props.step} classList={{ 'flow-with-map': isMapStep() }}>
      <FlowHeader f={f} />
      {/* Above the map, never on it: the notice must not cover where the resident draws. */}
      <p class="map-badge" role="status" hidden={!fallbackNotice() || !isMapStep()}>
        {fallbackNotice() ? t().map.fallbackNotice : ''}
      </p>
      <div class="flow-map" hidden={!isMapStep()}>
        <div ref={mapContainer} class="map" role="region" aria-label={props.step === 'draw' ? t().flow.draw.mapLabel : t().flow.where.mapLabel} />
        <Show when={props.step === 'draw'}>
          <svg class="crosshair" viewBox="0 0 48 48" aria-hidden="true">
            <path d="M24 2v13M24 33v13M2 24h13M33 24h13" />
          </svg>
        </Show>
      </div>
      <div class="flow-body">
        <form
          id="flow-form"
          class="flow-form"
          novalidate
          aria-describedby="flow-progress"
          onSubmit={(e) => {
            e.preventDefault();
            if (!f.busy()) void f.next();
          }}
        >
          <h1 class="flow-title" ref={heading} tabindex="-1">
            {f.title()}
          </h1>
          <Show when={!online()}>
            <p class="callout callout-offline">{t().offline.banner}</p>
          </Show>
          <ErrorSummary ref={(el) => (summary = el)} labelOf={f.errorLabel} />
          <Steps f={f} step={props.step} map={flowMap()} config={props.config} categories={props.categories} focusHeading={() => heading?.focus()} />
        </form>
      </div>
      <Show when={props.step !== 'similar'}>
        <FlowNav f={f} step={props.step} />
      </Show>
    </div>
  );
}
