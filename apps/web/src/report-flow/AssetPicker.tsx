import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { anchorPoint, bboxAround, metresToGeometry, type Category } from '@groundswell/core/rules';
import { fetchAssetLayers, fetchLayerAssets, type LayerAssetInfo } from '../api/client.ts';
import type { DrawnGeometry } from '../api/types.ts';
import { format, formatNumber, t } from '../i18n/index.ts';
import { draft, setDraft } from './draft.ts';
import type { FlowMap } from './flow-map.ts';

/** How many assets are offered by name: the nearest few, as a lamp post's neighbours. */
const OFFERED = 5;

/**
 * "Is it this lamp?": for a category served by a council asset layer, the layer's assets
 * near the drawn place are drawn on the map and the nearest within its snapping distance is
 * offered; the resident may pick another or none. A layer that cannot be reached is said
 * plainly and the report goes on without it.
 */
export function AssetPicker(props: { map: FlowMap | undefined; category: Category; geometry: DrawnGeometry | undefined }) {
  const [layers] = createResource(
    () => props.category.code,
    async (code) => {
      try {
        return (await fetchAssetLayers(code)).layers;
      } catch {
        return [];
      }
    },
  );
  const layer = () => layers()?.[0];
  const [offered, setOffered] = createSignal<Array<LayerAssetInfo & { metres: number }>>([]);
  const [down, setDown] = createSignal(false);
  const [drawn, setDrawn] = createSignal<LayerAssetInfo[]>([]);

  createEffect(
    on([layer, () => JSON.stringify(props.geometry)], () => {
      const l = layer();
      const g = props.geometry;
      if (!l || !g) {
        setOffered([]);
        void props.map?.showAssets([], undefined);
        if (draft.asset) setDraft('asset', undefined);
        return;
      }
      const controller = new AbortController();
      onCleanup(() => controller.abort());
      const at = anchorPoint(g);
      fetchLayerAssets(l.id, bboxAround(at, Math.max(60, l.snapMetres * 2)), at, controller.signal)
        .then(({ features, nearest }) => {
          setDown(false);
          const near = features
            .map((f) => ({ ...f, metres: metresToGeometry(at, f.geometry as never) }))
            .filter((f) => f.metres <= l.snapMetres)
            .sort((a, b) => a.metres - b.metres)
            .slice(0, OFFERED);
          setOffered(near);
          setDrawn(features);
          const kept = draft.asset && draft.asset.layer === l.id && near.some((f) => f.id === draft.asset!.id);
          if (!kept) setDraft('asset', nearest ? { layer: l.id, id: nearest.id, name: nearest.name } : undefined);
          void props.map?.showAssets(features, draft.asset?.id);
        })
        .catch((err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          setDown(true);
          setOffered([]);
          if (draft.asset) setDraft('asset', undefined);
        });
    }),
  );
  onCleanup(() => void props.map?.showAssets([], undefined));

  const choose = (f: (LayerAssetInfo & { metres: number }) | undefined) => {
    const l = layer();
    if (!l) return;
    setDraft('asset', f ? { layer: l.id, id: f.id, name: f.name } : undefined);
    void props.map?.showAssets(drawn(), f?.id);
  };
  const label = (f: LayerAssetInfo & { metres: number }) => format(t().flow.asset.option, { id: f.id, name: f.name ?? '', metres: formatNumber(Math.max(1, Math.round(f.metres))) });

  return (
    <Show when={layer()}>
      {(l) => (
        <div class="asset-picker">
          <Show when={draft.errors.asset}>
            <p class="field-error" role="alert">
              {draft.errors.asset}
            </p>
          </Show>
          <Show when={down()}>
            <p class="step-hint" role="status">
              {t().flow.asset.down}
            </p>
          </Show>
          <Show when={!down() && props.geometry}>
            <Show when={offered().length} fallback={<p class="step-hint">{format(t().flow.asset.noneNear, { layer: l().name })}</p>}>
              <fieldset class="asset-choice">
                <legend class="field-label">{format(t().flow.asset.question, { id: offered()[0]!.id, layer: l().name })}</legend>
                <For each={offered()}>
                  {(f) => (
                    <label class="choice">
                      <input type="radio" name="asset" value={f.id} checked={draft.asset?.id === f.id} onChange={() => choose(f)} />
                      <span>{label(f)}</span>
                    </label>
                  )}
                </For>
                <label class="choice">
                  <input type="radio" name="asset" value="" checked={!draft.asset} onChange={() => choose(undefined)} />
                  <span>{t().flow.asset.none}</span>
                </label>
              </fieldset>
            </Show>
          </Show>
        </div>
      )}
    </Show>
  );
}
