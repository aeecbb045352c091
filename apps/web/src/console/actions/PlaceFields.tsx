import { createEffect, createSignal, Show } from 'solid-js';
import type { GeometryKind } from '@groundswell/core/rules';
import { MIN_VERTICES, type ShapeEditor } from '../draw.ts';
import { ct, format } from '../i18n/index.ts';
import type { GeometryInput } from '../types.ts';

/**
 * The words and controls beside a map editor: how to place the shape, coordinates to type
 * for a point (the map is never the only way), undo and restart for a line or area.
 */
export function PlaceFields(props: { id: string; kind: GeometryKind; editor: ShapeEditor | undefined; geometry: GeometryInput | undefined; count: number; error?: string | undefined }) {
  const [lat, setLat] = createSignal('');
  const [lon, setLon] = createSignal('');
  const [typed, setTyped] = createSignal<string>();

  createEffect(() => {
    const g = props.geometry;
    if (g?.type === 'Point') {
      setLon(String(g.coordinates[0]));
      setLat(String(g.coordinates[1]));
    }
  });

  const place = () => {
    const y = Number(lat().replace(',', '.'));
    const x = Number(lon().replace(',', '.'));
    if (!lat().trim() || !lon().trim() || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(y) > 90 || Math.abs(x) > 180) {
      setTyped(ct().move.badCoords);
      return;
    }
    setTyped(undefined);
    props.editor?.setPoint(x, y);
  };

  return (
    <div class="c-place" classList={{ 'c-field-invalid': !!(props.error || typed()) }}>
      <p class="c-hint" id={`${props.id}-place-hint`}>
        {props.kind === 'Point' ? ct().move.pointHint : ct().move.shapeHint}
      </p>
      <Show when={props.error || typed()}>
        <p class="c-field-error">{typed() ?? props.error}</p>
      </Show>
      <Show
        when={props.kind === 'Point'}
        fallback={
          <div class="c-place-draw">
            <p aria-live="polite" class={props.count < MIN_VERTICES[props.kind] ? 'c-muted' : ''}>
              {format(ct().move.vertices, { count: props.count })}
              <Show when={props.count < MIN_VERTICES[props.kind]}> · {format(ct().move.notEnough, { count: MIN_VERTICES[props.kind] })}</Show>
            </p>
            <div class="c-form-buttons">
              <button type="button" class="c-btn c-btn-small" disabled={props.count === 0} onClick={() => props.editor?.undo()}>
                {ct().move.undo}
              </button>
              <button type="button" class="c-btn c-btn-small" disabled={props.count === 0} onClick={() => props.editor?.restart()}>
                {ct().move.restart}
              </button>
            </div>
          </div>
        }
      >
        <div class="c-coords">
          <div class="c-field">
            <label class="c-label" for={`${props.id}-lat`}>
              {ct().move.lat}
            </label>
            <input
              id={`${props.id}-lat`}
              class="c-input"
              type="text"
              inputmode="decimal"
              value={lat()}
              onInput={(e) => setLat(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), place())}
            />
          </div>
          <div class="c-field">
            <label class="c-label" for={`${props.id}-lon`}>
              {ct().move.lon}
            </label>
            <input
              id={`${props.id}-lon`}
              class="c-input"
              type="text"
              inputmode="decimal"
              value={lon()}
              onInput={(e) => setLon(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), place())}
            />
          </div>
          <button type="button" class="c-btn c-btn-small" onClick={place}>
            {ct().move.setPoint}
          </button>
        </div>
      </Show>
    </div>
  );
}
