import { localized, openness, type PublicEvent, type PublicReportProperties } from '@groundswell/core';
import type { PublicEventRow, PublicReportRow } from '@groundswell/db';

/** A public report row as a GeoJSON Feature; the only place that shape is made. */
export function toFeature(row: PublicReportRow, locale: string, baseUrl: string) {
  const properties: PublicReportProperties = {
    id: row.publicId,
    category: row.category,
    categoryName: localized(row.categoryName as { en: string }, locale),
    state: row.state,
    status: openness(row.state),
    description: row.description,
    answers: row.answers as PublicReportProperties['answers'],
    reporterName: row.reporterName,
    channel: row.channel as PublicReportProperties['channel'],
    areas: row.areas,
    supportCount: row.supportCount,
    photos: row.photos.map((p) => ({ url: `${baseUrl}/api/photos/${p.id}/display`, thumbnailUrl: `${baseUrl}/api/photos/${p.id}/thumbnail` })),
    expectedAt: row.expectedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    url: `${baseUrl}/#/reports/${row.publicId}`,
  };
  return { type: 'Feature' as const, id: row.publicId, geometry: row.geometry, properties };
}

const ACTOR_NAMES: Record<string, string> = { resident: 'Resident', staff: 'Council', system: 'Groundswell', api: 'Council' };

/** A public timeline event: who in public words, and only the payload fields the public may see. */
export function toPublicEvent(e: PublicEventRow): PublicEvent {
  const p = e.payload;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const event: PublicEvent = { kind: e.kind, at: e.at, actor: e.actorType === 'resident' ? ACTOR_NAMES.resident! : (e.actorLabel ?? ACTOR_NAMES[e.actorType] ?? 'Council') };
  const state = text(p.to);
  const message = text(p.message);
  const expectedAt = text(p.expectedAt);
  if (e.kind === 'state_changed' && state) event.state = state as PublicEvent['state'];
  if (message) event.message = message;
  if (expectedAt) event.expectedAt = expectedAt;
  return event;
}
