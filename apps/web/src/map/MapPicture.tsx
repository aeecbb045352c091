import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { cameraBBox, type Camera } from '@groundswell/core/rules';
import { t } from '../i18n/index.ts';

/** The server's limits on a picture's side (api/map-picture). */
const MIN_SIDE = 32;
const MAX_SIDE = 2048;

/**
 * Phones see the map first as a picture, and start MapLibre when the resident asks (ADR 0004):
 * a phone, to us, is anything that is not a wide screen with a fine pointer.
 */
export function startsMapAtOnce(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: fine) and (min-width: 800px)').matches;
}

/** The picture of a camera's view at this size, with a report highlighted. */
export function pictureUrl(camera: Camera, width: number, height: number, report?: string): string {
  const w = Math.min(MAX_SIDE, Math.max(MIN_SIDE, Math.round(width)));
  const h = Math.min(MAX_SIDE, Math.max(MIN_SIDE, Math.round(height)));
  const bbox = cameraBBox(camera, w, h).map((v) => v.toFixed(6));
  return `/api/map/picture.svg?bbox=${bbox.join(',')}&w=${w}&h=${h}${report ? `&report=${encodeURIComponent(report)}` : ''}`;
}

export interface MapPictureProps {
  /** The view for a box of this size (fitted to the council, or to one report). */
  camera: (width: number, height: number) => Camera;
  report?: string;
  alt: string;
  describedBy?: string;
  /**
   * The resident asked for the map (a touch, a click, the button), or the picture could not load:
   * start MapLibre at this camera. `focus`: asked with the button, whose place the map takes, so
   * the keyboard's focus should go to the map once it is there.
   */
  onWake: (camera: Camera | undefined, focus: boolean) => void;
  /** The picture's view and size, once measured (the list follows it until the map takes over). */
  onView?: (camera: Camera, width: number, height: number) => void;
}

/**
 * A still picture of the map, drawn by our server from the council's own data (no map library,
 * no script, no base map server): an <img>, so it is the page's largest paint and costs the
 * phone nothing to show. Any touch or click on it, or the "Move the map" button, asks for the
 * interactive map at the same view.
 */
export function MapPicture(props: MapPictureProps) {
  let box!: HTMLDivElement;
  const [view, setView] = createSignal<{ camera: Camera; src: string }>();
  let woken = false;
  const wake = (focus = false) => {
    if (woken) return;
    woken = true;
    props.onWake(view()?.camera, focus);
  };

  onMount(() => {
    // Measured once it has a size (a screen hidden under another page has none yet).
    const measure = () => {
      const { clientWidth: w, clientHeight: h } = box;
      if (w < 1 || h < 1 || view()) return;
      const camera = props.camera(w, h);
      setView({ camera, src: pictureUrl(camera, w, h, props.report) });
      props.onView?.(camera, w, h);
    };
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    measure();
    onCleanup(() => observer.disconnect());
  });

  return (
    <div ref={box} class="map-picture" data-testid="map-picture" onPointerDown={() => wake()}>
      <Show when={view()}>
        {(v) => (
          <img src={v().src} alt={props.alt} {...(props.describedBy ? { 'aria-describedby': props.describedBy } : {})} fetchpriority="high" decoding="async" draggable={false} onError={() => wake()} />
        )}
      </Show>
      <button type="button" class="button map-picture-wake" onClick={() => wake(true)}>
        {t().map.moveMap}
      </button>
    </div>
  );
}
