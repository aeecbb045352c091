/**
 * The report being made: one draft for the whole flow, kept in memory while the resident
 * moves between steps (and comes back to them), cleared once it is safely in the outbox.
 */
import { createStore, produce, reconcile } from 'solid-js/store';
import type { Category } from '@groundswell/core/rules';
import type { DrawnGeometry, GeometryKind, ReportBody } from '../api/types.ts';
import type { Answers } from '@groundswell/core/rules';
import type { FlowStep } from '../router.ts';

export type LngLat = [number, number];

export interface DraftPhoto {
  id: string;
  /** Resized on the phone (at most 2048 px, JPEG), or the original when it could not be decoded. */
  blob: Blob;
  /** An object URL for the preview. */
  url: string;
  name: string;
  /** Where the photo was taken, from its EXIF GPS (read before resizing, which drops it). */
  gps?: LngLat;
}

export interface Draft {
  location?: LngLat;
  category?: string;
  kind?: GeometryKind;
  geometry?: DrawnGeometry;
  description: string;
  answers: Answers;
  photos: DraftPhoto[];
  contact: { name: string; email: string; phone: string };
  showName: boolean;
  /** Field errors by field: `location`, `category`, `geometry`, `description`, `answers.<id>`, `contact.<key>`. */
  errors: Record<string, string>;
  /** Errors to show when the next step opens (the server's, after a refused report is reopened). */
  carryErrors?: Record<string, string>;
  /** Whether nearby reports were found for the current shape (the "similar" step is shown only then). */
  hasSimilar: boolean;
  /** The council asset (lamp, gully) the resident picked from the category's asset layer. */
  asset?: { layer: number; id: string; name: string | null } | undefined;
}

const empty = (): Draft => ({
  description: '',
  answers: {},
  photos: [],
  contact: { name: '', email: '', phone: '' },
  showName: false,
  errors: {},
  hasSimilar: false,
});

const [draft, setDraft] = createStore<Draft>(empty());
export { draft, setDraft };

export function resetDraft(): void {
  for (const p of draft.photos) URL.revokeObjectURL(p.url);
  setDraft(reconcile(empty()));
}

export function setErrors(errors: Record<string, string>): void {
  setDraft('errors', reconcile(errors));
}

export function clearError(field: string): void {
  if (field in draft.errors)
    setDraft(
      'errors',
      produce((e) => void delete e[field]),
    );
}

/** The step where a field is answered, to send the resident back to it. */
export function stepOfField(field: string): FlowStep {
  if (field === 'location') return 'where';
  if (field === 'category') return 'what';
  if (field === 'geometry' || field.startsWith('asset')) return 'draw';
  if (field.startsWith('contact.')) return 'contact';
  if (field === 'photos') return 'photos';
  return 'details';
}

/**
 * The API's field names (`body.description`, `answers.how_blocked`, `contact.email`,
 * `geometry.type`, `body.geometry.coordinates.1`) as the draft's.
 */
export function draftField(apiField: string): string {
  const f = apiField.replace(/^body\./, '');
  if (f.startsWith('geometry')) return 'geometry';
  if (f.startsWith('answers.')) return f.split('.').slice(0, 2).join('.');
  if (f.startsWith('contact.')) return f.split('.').slice(0, 2).join('.');
  if (f === 'description' || f === 'category') return f;
  return f;
}

/** A point that stands for the shape: the point itself, a line's first point, an area's centroid. */
export function anchorOf(g: DrawnGeometry): LngLat {
  if (g.type === 'Point') return g.coordinates;
  if (g.type === 'LineString') return g.coordinates[0]!;
  const ring = g.coordinates[0]!.slice(0, -1);
  const sum = ring.reduce<LngLat>((s, p) => [s[0] + p[0], s[1] + p[1]], [0, 0]);
  return [sum[0] / ring.length, sum[1] / ring.length];
}

/** The draft as `POST /api/reports` takes it: answers to hidden questions and empty contact fields left out. */
export function reportBody(category: Category, visibleAnswers: Answers, locale: 'en' | 'pl'): ReportBody {
  const contact: ReportBody['contact'] = {};
  for (const key of ['name', 'email', 'phone'] as const) {
    const value = draft.contact[key].trim();
    if (value) contact[key] = value;
  }
  return {
    category: category.code,
    geometry: JSON.parse(JSON.stringify(draft.geometry)) as DrawnGeometry,
    description: draft.description.trim(),
    answers: JSON.parse(JSON.stringify(visibleAnswers)) as Answers,
    contact,
    showName: draft.showName && !!contact.name,
    locale,
    ...(draft.asset ? { asset: { layer: draft.asset.layer, id: draft.asset.id, ...(draft.asset.name ? { name: draft.asset.name } : {}) } } : {}),
  };
}
