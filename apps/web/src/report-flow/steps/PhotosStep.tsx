import { createSignal, For, Show } from 'solid-js';
import { uuid } from '../../device.ts';
import { format, t } from '../../i18n/index.ts';
import { draft, setDraft, type DraftPhoto, type LngLat } from '../draft.ts';
import type { FlowMap } from '../flow-map.ts';
import { MAX_PHOTOS, MAX_UPLOAD_BYTES, photoLocation, resizePhoto } from '../photos.ts';

/**
 * Step 6: photos, up to five, from the camera or the gallery. Each is read for its GPS
 * position and then resized on the phone before it is kept; a photo that knows where it was
 * taken offers to use that place.
 */
export function PhotosStep(props: { map: FlowMap | undefined; onRedraw: () => void }) {
  const [preparing, setPreparing] = createSignal(0);
  const [problems, setProblems] = createSignal<string[]>([]);
  const [moved, setMoved] = createSignal<string>();
  const room = () => MAX_PHOTOS - draft.photos.length;

  const add = async (files: FileList | null, input: HTMLInputElement) => {
    const picked = [...(files ?? [])].slice(0, Math.max(0, room()));
    input.value = ''; // choosing the same file again still fires `change`
    if (picked.length === 0) return;
    setProblems([]);
    setMoved(undefined);
    setPreparing((n) => n + picked.length);
    const found: string[] = [];
    for (const file of picked) {
      try {
        // GPS first: resizing re-encodes the picture and drops its metadata.
        const gps = await photoLocation(file);
        const blob = await resizePhoto(file);
        if (blob.size > MAX_UPLOAD_BYTES) throw new RangeError('too large');
        const photo: DraftPhoto = { id: uuid(), blob, url: URL.createObjectURL(blob), name: file.name, ...(gps ? { gps } : {}) };
        if (draft.photos.length < MAX_PHOTOS) setDraft('photos', (list) => [...list, photo]);
      } catch (err) {
        found.push(format(err instanceof RangeError ? t().flow.photos.tooLarge : t().flow.photos.failed, { name: file.name }));
      } finally {
        setPreparing((n) => n - 1);
      }
    }
    setProblems(found);
  };

  const remove = (photo: DraftPhoto, index: number) => {
    URL.revokeObjectURL(photo.url);
    setDraft('photos', (list) => list.filter((p) => p.id !== photo.id));
    // Focus stays in the list: on the next photo's button, or on "Take a photo".
    queueMicrotask(() => {
      const buttons = document.querySelectorAll<HTMLButtonElement>('.photo-remove');
      (buttons[Math.min(index, buttons.length - 1)] ?? document.getElementById('photo-camera'))?.focus();
    });
  };

  const useLocation = (gps: LngLat) => {
    setDraft('location', gps);
    if (draft.geometry?.type === 'Point' || draft.kind === 'Point') {
      setDraft('geometry', { type: 'Point', coordinates: gps });
      setMoved(t().flow.photos.usedLocation);
    } else {
      // A line or an area cannot simply be moved: draw it again, on a map centred there.
      setDraft('geometry', undefined);
      setDraft('hasSimilar', false);
      props.map?.flyTo(gps);
      props.onRedraw();
    }
  };

  return (
    <div class="step step-photos">
      <p>{format(t().flow.photos.intro, { max: MAX_PHOTOS })}</p>
      <Show when={room() > 0} fallback={<p class="callout">{format(t().flow.photos.full, { max: MAX_PHOTOS })}</p>}>
        <div class="photo-pickers">
          <input id="photo-camera" class="file-input" type="file" accept="image/*" capture="environment" onChange={(e) => void add(e.currentTarget.files, e.currentTarget)} />
          <label for="photo-camera" class="button button-primary button-large">
            <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
              <path d="M4 8h3l2-3h6l2 3h3v11H4zM12 10a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7z" />
            </svg>
            {t().flow.photos.take}
          </label>
          <input id="photo-gallery" class="file-input" type="file" accept="image/*" multiple onChange={(e) => void add(e.currentTarget.files, e.currentTarget)} />
          <label for="photo-gallery" class="button button-large">
            <svg viewBox="0 0 24 24" class="button-icon" aria-hidden="true">
              <path d="M4 5h16v14H4zM4 15l5-5 4 4 3-3 4 4M15 9h.01" />
            </svg>
            {t().flow.photos.choose}
          </label>
        </div>
      </Show>
      <p class="step-status" role="status">
        {preparing() > 0 ? t().flow.photos.preparing : (moved() ?? '')}
      </p>
      <Show when={problems().length > 0}>
        <ul class="field-error" role="alert">
          <For each={problems()}>{(p) => <li>{p}</li>}</For>
        </ul>
      </Show>

      <p class="step-hint">{format(t().flow.photos.count, { count: draft.photos.length, max: MAX_PHOTOS })}</p>
      <ul class="photo-list">
        <For each={draft.photos}>
          {(photo, i) => (
            <li class="photo-item">
              <img src={photo.url} alt={format(t().flow.photos.alt, { n: i() + 1 })} />
              <div class="photo-actions">
                <Show when={photo.gps}>
                  {(gps) => (
                    <>
                      <p class="photo-gps">{t().flow.photos.hasLocation}</p>
                      <button type="button" class="button" onClick={() => useLocation(gps())}>
                        {t().flow.photos.useLocation}
                      </button>
                    </>
                  )}
                </Show>
                <button type="button" class="button button-danger photo-remove" onClick={() => remove(photo, i())}>
                  {format(t().flow.photos.remove, { n: i() + 1 })}
                </button>
              </div>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
