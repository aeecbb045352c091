/**
 * What a council system receives for one report, in each method's shape: a GeoJSON feature
 * (the webhook's body and the email's attachment), the email itself, and the Open311 form.
 */
import { handoffMarker, localized } from '@groundswell/core';
import type { HandoffSendJob } from '@groundswell/db';
import type { MailMessage } from '../mail/mailer.ts';
import type { Storage } from '../storage/storage.ts';
import { photoFile } from '../photos/files.ts';
import type { HandoffSettings } from './target-config.ts';

type Report = HandoffSendJob['report'];

export const reportLink = (publicUrl: string, publicId: string) => `${publicUrl}/#/reports/${encodeURIComponent(publicId)}`;
export const photoLink = (publicUrl: string, photoId: string) => `${publicUrl}/api/photos/${photoId}/display`;
export const osmLink = (lat: number, long: number) => `https://www.openstreetmap.org/?mlat=${lat.toFixed(6)}&mlon=${long.toFixed(6)}#map=18/${lat.toFixed(6)}/${long.toFixed(6)}`;

/** The place in words: the street and area it lies in, and the coordinates anyone can paste into a map. */
export function locationText(r: Report): string {
  const at = `${r.lat.toFixed(6)}, ${r.long.toFixed(6)} (latitude, longitude, WGS84)`;
  const street = r.streetName ? `${r.streetName}${r.streetUsrn ? ` (${r.streetUsrn})` : ''}` : r.streetUsrn;
  const near = [street ? `near ${street}` : null, r.area ? `in ${r.area}` : null].filter(Boolean).join(', ');
  return near ? `${near[0]!.toUpperCase()}${near.slice(1)}, at ${at}` : `At ${at}`;
}

/** The report as one GeoJSON Feature: its drawn shape, and what a back office needs to act. */
export function reportFeature(r: Report, publicUrl: string, sendKey: string) {
  return {
    type: 'Feature' as const,
    id: r.publicId,
    geometry: r.geometry,
    properties: {
      id: r.publicId,
      send_id: sendKey,
      url: reportLink(publicUrl, r.publicId),
      category: r.categoryCode,
      category_name: localized(r.categoryName, 'en'),
      description: r.description,
      state: r.state,
      created_at: r.createdAt,
      lat: r.lat,
      long: r.long,
      location: locationText(r),
      map_url: osmLink(r.lat, r.long),
      area: r.area,
      street_name: r.streetName ?? null,
      street_usrn: r.streetUsrn ?? null,
      asset_layer: r.externalAsset?.layer ?? null,
      asset_id: r.externalAsset?.id ?? null,
      asset_name: r.externalAsset?.name ?? null,
      team: r.team?.name ?? null,
      answers: r.answers,
      photos: r.photos.map((p) => photoLink(publicUrl, p.id)),
    },
  };
}

/** The webhook's JSON body. */
export function webhookBody(r: Report, publicUrl: string, sendKey: string): string {
  return JSON.stringify({ type: 'report', send_id: sendKey, report: reportFeature(r, publicUrl, sendKey) });
}

/**
 * The team's email: a plain message a person reads, the photos attached, and the same report
 * as a GeoJSON file a system can read. Its Message-ID is the send's, so a resend is the same message.
 */
export async function handoffEmail(r: Report, to: string, options: { publicUrl: string; siteName: string; sendKey: string; storage: Storage }): Promise<MailMessage> {
  const link = reportLink(options.publicUrl, r.publicId);
  const category = localized(r.categoryName, 'en');
  const answers = Object.entries(r.answers).map(([k, v]) => `  ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  const text = [
    `A new report for you from ${options.siteName}: ${category}.`,
    '',
    `Report ${r.publicId}: ${link}`,
    '',
    r.description,
    '',
    `Where: ${locationText(r)}`,
    `Map: ${osmLink(r.lat, r.long)}`,
    ...(r.externalAsset
      ? [
          `Asset: ${r.externalAsset.id}${r.externalAsset.name ? ` (${r.externalAsset.name})` : ''}, from the layer ${r.externalAsset.layer}${r.externalAsset.verified ? '' : ' (not checked: the layer was down)'}`,
        ]
      : []),
    ...(answers.length ? ['', 'Answers:', ...answers] : []),
    '',
    `Made: ${r.createdAt}`,
    ...(r.photos.length ? [`Photos: ${r.photos.length} attached`] : []),
    `The report as GeoJSON is attached (report-${r.publicId}.geojson).`,
    '',
    'Please reply on the report page, not to this email, so the reporter is told.',
  ].join('\n');
  const photos = await Promise.all(
    r.photos.map(async (p, i) => {
      const bytes = await options.storage.get(photoFile(p.storageKey, 'display'));
      return bytes ? { filename: `report-${r.publicId}-photo-${i + 1}.jpg`, content: Buffer.from(bytes).toString('base64'), encoding: 'base64' as const, contentType: 'image/jpeg' } : null;
    }),
  );
  const geojson = JSON.stringify({ type: 'FeatureCollection', features: [reportFeature(r, options.publicUrl, options.sendKey)] }, null, 2);
  const host = new URL(options.publicUrl).hostname;
  return {
    to,
    subject: `Report ${r.publicId}: ${category}`,
    text,
    messageId: `<${options.sendKey}@${host}>`,
    attachments: [
      ...photos.filter((p) => p !== null),
      { filename: `report-${r.publicId}.geojson`, content: Buffer.from(geojson).toString('base64'), encoding: 'base64', contentType: 'application/geo+json' },
    ],
  };
}

/**
 * An Open311 `POST requests` form. The description ends with a marker naming this send, which
 * is how a later try finds the request if an earlier one may have reached the server.
 */
export function open311Form(r: Report, s: HandoffSettings, options: { apiKey: string | null; publicUrl: string; sendKey: string }): URLSearchParams {
  const form = new URLSearchParams();
  if (options.apiKey) form.set('api_key', options.apiKey);
  if (s.jurisdictionId) form.set('jurisdiction_id', s.jurisdictionId);
  form.set('service_code', s.serviceCodes[r.categoryCode] ?? r.categoryCode);
  form.set('lat', String(r.lat));
  form.set('long', String(r.long));
  form.set('description', `${r.description}\n\n${reportLink(options.publicUrl, r.publicId)} ${handoffMarker(options.sendKey)}`);
  if (r.photos[0]) form.set('media_url', photoLink(options.publicUrl, r.photos[0].id));
  for (const [question, value] of Object.entries(r.answers)) {
    const code = s.attributes[question];
    if (!code || value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) form.append(`attribute[${code}][]`, String(v));
    else form.set(`attribute[${code}]`, String(value));
  }
  // The picked council asset goes as the attribute the admin maps `asset_id` to (FixMyStreet's councils use e.g. central_asset_id).
  if (r.externalAsset && s.attributes.asset_id) form.set(`attribute[${s.attributes.asset_id}]`, r.externalAsset.id);
  return form;
}
