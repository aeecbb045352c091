import { ContactInputSchema, DomainError, MAX_DESCRIPTION, localized, open311MissingContact, type ContactField, type Position } from '@groundswell/core';
import { findCategory, noteOpen311MissingContact, searchPlaces, useApiKey } from '@groundswell/db';
import type { AppDeps } from '../deps.ts';
import { createReport, sha256 } from '../reports/create.ts';
import { Open311Error } from './errors.ts';
import { answersFromAttributes } from './services.ts';

/** The fields of an Open311 `POST requests`, read from the form and trimmed; empty ones are absent. */
export interface ServiceRequestForm {
  apiKey?: string | undefined;
  jurisdictionId?: string | undefined;
  serviceCode?: string | undefined;
  lat?: string | undefined;
  long?: string | undefined;
  addressString?: string | undefined;
  addressId?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  description?: string | undefined;
  /** `attribute[code]` values; `attribute[code][]` gathered into a list. */
  attributes: Record<string, string | string[]>;
}

/**
 * Creates a report from an Open311 client: the api_key names the client (it becomes the
 * channel source), the service code is our category, and the location comes from lat/long
 * or, failing that, the first part of an address found in the council's own places.
 * Contact details are optional, as the spec says: when the category asks for some the client
 * did not send, the report is still made and an internal note tells officers so.
 */
export async function postServiceRequest(deps: AppDeps, form: ServiceRequestForm): Promise<{ serviceRequestId: string; serviceNotice: string }> {
  if (!form.apiKey) throw new Open311Error(403, ['An api_key is required to post a service request']);
  const key = await useApiKey(deps.database, sha256(form.apiKey), deps.clock.now());
  if (!key) throw new Open311Error(403, ['This api_key is not valid']);
  if (key.revokedAt) throw new Open311Error(403, ['This api_key has been revoked']);

  const code = form.serviceCode;
  if (!code) throw new Open311Error(400, ['service_code is required']);
  const category = await findCategory(deps.database, code);
  if (!category?.active) throw new Open311Error(404, [`There is no service_code "${code}"`]);

  const coordinates = await locate(deps, form);
  const name = [form.firstName, form.lastName].filter(Boolean).join(' ') || undefined;
  const contact = ContactInputSchema.safeParse({ ...(name ? { name } : {}), ...(form.email ? { email: form.email } : {}), ...(form.phone ? { phone: form.phone } : {}) });
  if (!contact.success)
    throw new Open311Error(
      400,
      contact.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  const description = form.description ?? localized(category.name, 'en');
  if (description.length > MAX_DESCRIPTION) throw new Open311Error(400, [`description may be at most ${MAX_DESCRIPTION} characters`]);

  const missing = open311MissingContact(category.contactRequired, contact.data);
  try {
    const { report } = await createReport(
      deps,
      {
        category: code,
        geometry: { type: 'Point', coordinates },
        description,
        answers: answersFromAttributes(category.questions, form.attributes),
        contact: contact.data,
        showName: false,
        locale: 'en',
      },
      { channel: 'open311', channelSource: key.name, actor: { type: 'api', id: key.id }, contactWaived: missing },
    );
    if (missing.length) {
      await noteOpen311MissingContact(deps.database, report.id, { text: missingContactNote(key.name, missing), missing, actor: { type: 'api', id: key.id, label: key.name }, at: deps.clock.now() });
    }
    return { serviceRequestId: report.id, serviceNotice: `Thank you. The council aims to respond within ${report.responseDays} working days.` };
  } catch (err) {
    // Our field names are the form's: answers.x is attribute[x].
    if (err instanceof DomainError && err.status === 400) {
      const fields = err.errors.map((e) => `${e.field.replace(/^answers\./, 'attribute[').replace(/^(attribute\[[^.]+)$/, '$1]')}: ${e.message}`);
      throw new Open311Error(400, fields.length ? fields : [err.message]);
    }
    throw err;
  }
}

const CONTACT_WORDS: Record<ContactField, { en: string; pl: string }> = {
  name: { en: 'name', pl: 'imię i nazwisko' },
  email: { en: 'email address', pl: 'adres e-mail' },
  phone: { en: 'phone number', pl: 'numer telefonu' },
};

/** Stored text, read by officers in either language, so it carries both. */
function missingContactNote(client: string, missing: ContactField[]): string {
  const en = missing.map((k) => CONTACT_WORDS[k].en).join(', ');
  const pl = missing.map((k) => CONTACT_WORDS[k].pl).join(', ');
  return (
    `Sent through Open311 by "${client}" without the reporter's ${en}, which this category asks for; ask the sending system if you need to reach them.\n` +
    `Wysłane przez Open311 z systemu „${client}” bez danych kontaktowych zgłaszającego, których wymaga ta kategoria (brak: ${pl}); aby się z nim skontaktować, zapytaj system, który je wysłał.`
  );
}

async function locate(deps: AppDeps, form: ServiceRequestForm): Promise<Position> {
  if (form.lat !== undefined || form.long !== undefined) {
    const [la, lo] = [Number(form.lat), Number(form.long)];
    if (form.lat === undefined || form.long === undefined || !Number.isFinite(la) || !Number.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180) {
      throw new Open311Error(400, ['lat and long must both be given, as WGS84 decimal degrees']);
    }
    return [lo, la];
  }
  if (form.addressString) {
    const [hit] = await searchPlaces(deps.database, form.addressString.split(',')[0]!, 1);
    if (!hit) throw new Open311Error(400, [`We could not find "${form.addressString}"; please send lat and long`]);
    return hit.center;
  }
  if (form.addressId) throw new Open311Error(400, ['address_id is not supported here; please send lat and long']);
  throw new Open311Error(400, ['A location is required: lat and long, or address_string']);
}
