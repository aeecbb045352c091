import { onCleanup, onMount } from 'solid-js';
import type { Geometry } from '@groundswell/core/rules';
import type { SiteConfig } from '../api/types.ts';
import type { CreatedMap } from './create-map.ts';

export interface SmallMapProps {
  config: Pick<SiteConfig, 'mapStyleUrl' | 'bounds'>;
  geometry: Geometry;
  colour: string;
  /** The map's accessible name. */
  label: string;
  /** The id of the words that say where the place is (they stay: the map is not the only way to know). */
  describedBy?: string;
}

/**
 * A small, still map of one report's place. MapLibre (most of the app's download) arrives
 * through `import()` after the page has rendered, so the page's words and actions never
 * wait for it; if it cannot load at all, the words about the place are still there.
 */
export function SmallMap(props: SmallMapProps) {
  let container!: HTMLDivElement;
  onMount(() => {
    let created: CreatedMap | undefined;
    let gone = false;
    import('./small-map.ts')
      .then(({ showPlace }) => {
        if (gone) return;
        created = showPlace(container, {
          config: props.config,
          geometry: props.geometry,
          colour: props.colour,
          label: props.label,
          ...(props.describedBy ? { describedBy: props.describedBy } : {}),
        });
      })
      .catch(() => container.setAttribute('hidden', ''));
    onCleanup(() => {
      gone = true;
      created?.dispose();
    });
  });
  return <div ref={container} class="small-map" data-testid="small-map" />;
}
