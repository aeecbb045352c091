import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { fitCamera, type Camera, type Geometry } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import type { CreatedMap } from './create-map.ts';
import { MapPicture, startsMapAtOnce } from './MapPicture.tsx';
import { bboxOf, SMALL_MAP_MAX_ZOOM } from './small-map-camera.ts';

export interface SmallMapProps {
  config: Pick<SiteConfig, 'mapStyleUrl' | 'bounds'>;
  geometry: Geometry;
  colour: string;
  /** The map's accessible name. */
  label: string;
  /** The id of the words that say where the place is (they stay: the map is not the only way to know). */
  describedBy?: string;
  /**
   * A public report's id: on a phone the map is first the server's picture of it, and MapLibre
   * starts, movable, when the resident asks (ADR 0004). Without it (a draft on the review step,
   * where the draw step has just loaded MapLibre) the map starts at once, as on a desktop.
   */
  report?: string;
}

/** The view of one shape in a box: a point centred close in, anything else fitted with room around it. */
export function placeCamera(geometry: Geometry, width: number, height: number): Camera {
  const [w, s, e, n] = bboxOf(geometry);
  if (w === e && s === n) return { center: [w, s], zoom: SMALL_MAP_MAX_ZOOM };
  return fitCamera([w, s, e, n], width, height, 32, SMALL_MAP_MAX_ZOOM);
}

/**
 * A small map of one report's place. MapLibre (most of the app's download) arrives through
 * `import()` after the page has rendered, so the page's words and actions never wait for it;
 * if it cannot load at all, the words about the place (and on a phone the picture) are still there.
 */
export function SmallMap(props: SmallMapProps) {
  let container!: HTMLDivElement;
  const pictureFirst = !!props.report && !startsMapAtOnce();
  const [drawn, setDrawn] = createSignal(false);
  let created: CreatedMap | undefined;
  let gone = false;

  const start = (camera?: Camera, focus = false) => {
    if (created || gone) return;
    import('./small-map.ts')
      .then(({ showPlace }) => {
        if (gone || created) return;
        created = showPlace(container, {
          config: props.config,
          geometry: props.geometry,
          colour: props.colour,
          label: props.label,
          ...(props.describedBy ? { describedBy: props.describedBy } : {}),
          ...(camera ? { camera } : {}),
          // Asked for on a phone: the resident wants to look around, so it moves.
          interactive: pictureFirst,
        });
        const map = created.map;
        map.once('idle', () => {
          setDrawn(true);
          // Asked for with the button, which has gone: the keyboard's focus goes to the map that replaced it.
          if (focus) map.getCanvas().focus();
        });
      })
      .catch(() => {
        if (!pictureFirst) container.parentElement?.setAttribute('hidden', '');
      });
  };

  onMount(() => {
    if (!pictureFirst) start();
    onCleanup(() => {
      gone = true;
      created?.dispose();
    });
  });

  return (
    <div class="small-map" data-testid="small-map">
      <Show when={pictureFirst && !drawn()}>
        <MapPicture
          camera={(w, h) => placeCamera(props.geometry, w, h)}
          report={props.report!}
          alt={props.label}
          {...(props.describedBy ? { describedBy: props.describedBy } : {})}
          onWake={(camera, focus) => start(camera, focus)}
        />
      </Show>
      <div ref={container} class="small-map-live" classList={{ 'map-waking': pictureFirst && !drawn() }} />
    </div>
  );
}
