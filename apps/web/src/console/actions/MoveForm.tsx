import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { GeometryKind } from '@groundswell/core/rules';
import { staffApi } from '../api.ts';
import { MIN_VERTICES, ShapeEditor } from '../draw.ts';
import { ct, format } from '../i18n/index.ts';
import { ActionForm, createSubmit } from '../ui.tsx';
import type { GeometryInput } from '../types.ts';
import type { ActionProps } from './context.ts';
import { PlaceFields } from './PlaceFields.tsx';

/** Move the report: drag its point, click a new place, type coordinates, or redraw a line or area. */
export function MoveForm(props: ActionProps) {
  const category = () => props.ctx.categories.find((c) => c.code === props.report.category);
  const kinds = (): GeometryKind[] => (category()?.geometryTypes as GeometryKind[] | undefined) ?? ['Point'];
  const current = props.report.geometry.type as GeometryKind;
  const [kind, setKind] = createSignal<GeometryKind>(kinds().includes(current) ? current : (kinds()[0] ?? 'Point'));
  const [geometry, setGeometry] = createSignal<GeometryInput>();
  const [count, setCount] = createSignal(0);
  const [editor, setEditor] = createSignal<ShapeEditor>();
  const submit = createSubmit();

  createEffect(
    on(kind, (k) => {
      editor()?.destroy();
      const map = props.map;
      if (!map) return;
      // A point starts where the report is; a line or area is redrawn from nothing.
      const start = k === 'Point' ? props.report.geometry : undefined;
      setEditor(
        new ShapeEditor(map, k, start, (g, n) => {
          setGeometry(g);
          setCount(n);
        }),
      );
    }),
  );
  props.setEditing(true);
  onCleanup(() => {
    editor()?.destroy();
    props.setEditing(false);
  });

  async function send() {
    const g = geometry();
    if (!g) return submit.fail(format(ct().move.notEnough, { count: MIN_VERTICES[kind()] }), 'geometry');
    if (await submit.run(() => staffApi.move(props.report.id, g))) props.done(ct().actions.done.moved);
  }

  return (
    <ActionForm id="c-move" title={ct().move.heading} busy={submit.busy()} error={submit.error()} onSubmit={send} onCancel={props.cancel}>
      <Show when={kinds().length > 1}>
        <fieldset class="c-fieldset">
          <legend class="c-label">{ct().move.kind}</legend>
          <div class="c-radios c-radios-inline">
            <For each={kinds()}>
              {(k) => (
                <span class="c-radio">
                  <input type="radio" id={`c-move-kind-${k}`} name="c-move-kind" checked={kind() === k} onChange={() => setKind(k)} />
                  <label for={`c-move-kind-${k}`}>{ct().kinds[k]}</label>
                </span>
              )}
            </For>
          </div>
        </fieldset>
      </Show>
      <PlaceFields id="c-move" kind={kind()} editor={editor()} geometry={geometry()} count={count()} error={submit.fields().geometry} />
    </ActionForm>
  );
}
