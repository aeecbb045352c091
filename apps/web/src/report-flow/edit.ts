/**
 * A report the server refused (outside the council's area, a rule the phone could not
 * check) goes back into the flow: the draft is rebuilt from the outbox entry, the server's
 * field errors are shown beside their fields, and the resident lands on the first step
 * that needs a change. The refused entry leaves the outbox; sending again makes a new one
 * with a new Idempotency-Key.
 */
import { deleteFromOutbox, type OutboxEntry } from '../outbox/outbox.ts';
import { flowHref, navigate } from '../router.ts';
import { uuid } from '../device.ts';
import { anchorOf, draftField, resetDraft, setDraft, stepOfField, type DraftPhoto } from './draft.ts';

export async function editRejected(entry: OutboxEntry): Promise<void> {
  resetDraft();
  const body = entry.body;
  const photos: DraftPhoto[] = entry.photos.map((blob, i) => ({ id: uuid(), blob, url: URL.createObjectURL(blob), name: `photo-${i + 1}.jpg` }));
  const errors: Record<string, string> = {};
  for (const e of entry.rejected?.problem.errors ?? []) {
    const field = draftField(e.field);
    errors[field] ??= e.message;
  }
  if (Object.keys(errors).length === 0 && entry.rejected) errors.geometry = entry.rejected.problem.detail ?? String(entry.rejected.status);
  setDraft({
    location: anchorOf(body.geometry),
    category: body.category,
    kind: body.geometry.type,
    geometry: body.geometry,
    description: body.description,
    answers: body.answers,
    photos,
    contact: { name: body.contact.name ?? '', email: body.contact.email ?? '', phone: body.contact.phone ?? '' },
    showName: body.showName,
    hasSimilar: false,
    carryErrors: errors,
  });
  await deleteFromOutbox(entry.key);
  const first = Object.keys(errors)[0];
  navigate(flowHref(first ? stepOfField(first) : 'review'));
}
