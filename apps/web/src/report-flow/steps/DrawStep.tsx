import { createEffect, createSignal, For, onCleanup, Show, untrack } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import type { GeometryKind } from '../../api/types.ts';
import { format, formatNumber, t } from '../../i18n/index.ts';
import { describeWhere, lineLength, ringArea } from '../../reports/where.ts';
import { FieldError } from '../../ui/Field.tsx';
import { AssetPicker } from '../AssetPicker.tsx';
import { clearError, draft, setDraft } from '../draft.ts';
import type { DrawState, FlowMap } from '../flow-map.ts';

const formatLength = (m: number) => (m >= 1000 ? `${formatNumber(m / 1000, 1)} km` : `${formatNumber(Math.max(1, Math.round(m)))} m`);
const formatArea = (m2: number) => (m2 >= 10_000 ? `${formatNumber(m2 / 10_000, 1)} ha` : `${formatNumber(Math.max(1, Math.round(m2)))} m²`);

/** Step 3: draw what the category allows (terra-draw on the flow map), with tools that also work from the keyboard. */
export function DrawStep(props: { map: FlowMap | undefined; category: Category }) {
  const [state, setState] = createSignal<DrawState>({ geometry: draft.geometry?.type === draft.kind ? draft.geometry : undefined, drawingCount: 0 });
  const kinds = () => props.category.geometryTypes;
  const kind = (): GeometryKind => (draft.kind && kinds().includes(draft.kind) ? draft.kind : kinds()[0]!);

  createEffect(() => {
    const map = props.map;
    const k = kind();
    if (!map) return;
    untrack(() => {
      if (draft.location && !draft.geometry) map.flyTo(draft.location);
      else if (draft.geometry)
        map.flyTo(draft.geometry.type === 'Point' ? draft.geometry.coordinates : draft.geometry.type === 'LineString' ? draft.geometry.coordinates[0]! : draft.geometry.coordinates[0]![0]!);
      void map.startDrawing(k, draft.geometry, draft.location, props.category.color, (s) => {
        setState(s);
        const before = JSON.stringify(draft.geometry);
        setDraft('geometry', s.geometry);
        // A changed shape answers the error about the old one (the server's too).
        if (s.geometry && JSON.stringify(s.geometry) !== before) clearError('geometry');
      });
    });
    onCleanup(() => map.stopDrawing());
  });

  const chooseKind = (k: GeometryKind) => {
    if (k === draft.kind) return;
    setDraft('kind', k);
    setDraft('hasSimilar', false);
  };

  const status = () => {
    const m = t().flow.draw;
    const { geometry, drawingCount } = state();
    if (drawingCount > 0) return format(m.drawing, { count: drawingCount });
    if (!geometry) return m.none;
    if (geometry.type === 'Point') return format(m.point, { where: describeWhere(geometry) });
    if (geometry.type === 'LineString') return format(m.line, { count: geometry.coordinates.length, length: formatLength(lineLength(geometry.coordinates)) });
    const ring = geometry.coordinates[0] ?? [];
    return format(m.area, { count: Math.max(0, ring.length - 1), area: formatArea(ringArea(ring)) });
  };
  const help = () => ({ Point: t().flow.draw.helpPoint, LineString: t().flow.draw.helpLine, Polygon: t().flow.draw.helpArea })[kind()];
  const canFinish = () => (kind() === 'LineString' ? state().drawingCount >= 2 : kind() === 'Polygon' ? state().drawingCount >= 3 : false);

  return (
    <div class="step step-draw">
      <Show when={kinds().length > 1}>
        <fieldset class="kind-choice">
          <legend class="field-label">{t().flow.draw.kindLegend}</legend>
          <div class="segmented">
            <For each={kinds()}>
              {(k) => (
                <label class="segment">
                  <input type="radio" name="draw-kind" value={k} checked={kind() === k} onChange={() => chooseKind(k)} />
                  <span>{t().flow.draw.kinds[k]}</span>
                </label>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <p class="step-hint" id="draw-help">
        {help()}
      </p>
      <FieldError id="draw-add" message={draft.errors.geometry} />
      <div class="draw-tools">
        <button type="button" id="draw-add" class="button" aria-describedby={draft.errors.geometry ? 'draw-add-error draw-keyboard' : 'draw-keyboard'} onClick={() => props.map?.addAtCentre()}>
          <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
            <path d="M12 3v6M12 15v6M3 12h6M15 12h6" />
          </svg>
          {t().flow.draw.addCentre}
        </button>
        <Show when={kind() !== 'Point'}>
          <button type="button" class="button" disabled={!state().geometry && state().drawingCount === 0} onClick={() => props.map?.undo()}>
            <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
              <path d="M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" />
            </svg>
            {t().flow.draw.undo}
          </button>
          <Show when={state().drawingCount > 0}>
            <button type="button" class="button button-primary" disabled={!canFinish()} onClick={() => props.map?.finish()}>
              {kind() === 'LineString' ? t().flow.draw.finishLine : t().flow.draw.finishArea}
            </button>
          </Show>
          <Show when={state().geometry}>
            <button type="button" class="button" onClick={() => props.map?.restart()}>
              {t().flow.draw.restart}
            </button>
          </Show>
        </Show>
      </div>
      <p class="chosen" role="status">
        {status()}
      </p>
      <AssetPicker map={props.map} category={props.category} geometry={state().geometry} />
      <p class="step-hint step-hint-small keyboard-hint" id="draw-keyboard">
        {t().flow.draw.helpKeyboard}
      </p>
    </div>
  );
}
