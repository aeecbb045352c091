/**
 * Open311 GeoReport v2 under /open311/v2: discovery, services, service definitions,
 * requests (GET; POST with an api_key), one request, tokens. Every resource is offered as
 * `.xml` (required by the spec) and `.json`. One jurisdiction, so `jurisdiction_id` is
 * accepted and ignored. Contact details sent with a request are stored privately and never
 * appear in any answer.
 */
import type { Context } from 'hono';
import { cors } from 'hono/cors';
import { ContactInputSchema, DomainError, MAX_DESCRIPTION, localized, type ReportState } from '@groundswell/core';
import { findCategory, listActiveCategories, open311Requests, searchPlaces, useApiKey, type Open311RequestRow } from '@groundswell/db';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/env.ts';
import { createReport, sha256 } from '../reports/create.ts';
import { Open311Error, respond, respondError, respondList, type Format } from './format.ts';
import { answersFromAttributes, toService, toServiceDefinition } from './services.ts';

const BASE = '/open311/v2';
const MAX_RESULTS = 1000;
const DAY_MS = 86_400_000;
const MAX_SPAN_DAYS = 90;
/** When this implementation's services last changed shape (discovery `changeset`). */
const CHANGESET = '2026-11-01T00:00:00Z';

const STATE_WORDS: Record<ReportState, string> = {
  new: 'New: not yet looked at',
  acknowledged: 'Acknowledged by the council',
  in_progress: 'In progress',
  action_scheduled: 'Action scheduled',
  fixed: 'Fixed',
  closed: 'Closed',
  duplicate: 'Closed as a duplicate of another report',
  referred: 'Referred to another organisation',
  hidden: 'Hidden',
};

/** W3C datetime with a timezone, as the spec requires of every date. */
const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function w3cParam(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (!W3C.test(value) || Number.isNaN(Date.parse(value))) {
    throw new Open311Error(400, [`${name} must be a W3C datetime with a timezone, like 2026-01-31T00:00:00Z`]);
  }
  return new Date(value);
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function toRequest(r: Open311RequestRow, extensions: boolean) {
  return {
    service_request_id: r.service_request_id,
    status: r.status,
    status_notes: STATE_WORDS[r.state as ReportState] ?? r.state,
    service_name: r.service_name,
    service_code: r.service_code,
    description: r.description,
    agency_responsible: r.agency_responsible,
    service_notice: null,
    requested_datetime: r.requested_datetime,
    updated_datetime: r.updated_datetime,
    expected_datetime: r.expected_datetime,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.long,
    media_url: r.media_url,
    ...(extensions
      ? {
          extended_attributes: {
            state: r.state,
            channel: r.channel,
            geometry_type: r.geometry_type,
            support_count: r.support_count,
            url: r.url,
          },
        }
      : {}),
  };
}

type Handler = (c: Context<AppEnv>, format: Format, rest: string[]) => Promise<Response> | Response;

async function discovery(c: Context<AppEnv>, format: Format) {
  const { config } = c.get('deps');
  const endpoint = {
    specification: 'http://wiki.open311.org/GeoReport_v2',
    url: `${config.publicUrl}${BASE}`,
    changeset: CHANGESET,
    type: 'production',
    formats: ['text/xml', 'application/json'],
  };
  const doc = {
    changeset: CHANGESET,
    contact: `${config.siteName}: ${config.publicUrl}`,
    key_service: `Ask ${config.siteName} for an API key to post requests; reading needs none.`,
  };
  return respond(c, format, { ...doc, endpoints: [endpoint] }, {
    root: 'discovery',
    body: { ...doc, endpoints: { endpoint: [{ ...endpoint, formats: { format: endpoint.formats } }] } },
  });
}

async function services(c: Context<AppEnv>, format: Format) {
  const rows = await listActiveCategories(c.get('deps').database);
  return respondList(c, format, 'services', 'service', rows.map(toService));
}

async function serviceDefinition(c: Context<AppEnv>, format: Format, code: string) {
  const row = await findCategory(c.get('deps').database, code);
  if (!row || !row.active) throw new Open311Error(404, [`There is no service_code "${code}"`]);
  const def = toServiceDefinition(row);
  return respond(c, format, def, {
    root: 'service_definition',
    body: {
      service_code: def.service_code,
      attributes: {
        attribute: def.attributes.map((a) => ('values' in a && a.values ? { ...a, values: { value: a.values } } : a)),
      },
    },
  });
}

async function getRequests(c: Context<AppEnv>, format: Format) {
  const q = c.req.query();
  const { database, config, clock } = c.get('deps');
  const extensions = q.extensions === 'true';
  const ids = list(q.service_request_id);
  if (ids.length) {
    const rows = await open311Requests(database, { ids: ids.slice(0, MAX_RESULTS), limit: MAX_RESULTS }, config.publicUrl);
    return respondList(c, format, 'service_requests', 'request', rows.map((r) => toRequest(r, extensions)));
  }
  const statuses = list(q.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, ['status must be open, closed or both (comma-separated)']);
  let start = w3cParam('start_date', q.start_date);
  let end = w3cParam('end_date', q.end_date);
  // The spec's default: the most recent 90 days, or the first 1000 requests, whichever is smaller.
  if (!start && !end) {
    end = clock.now();
    start = new Date(end.getTime() - MAX_SPAN_DAYS * DAY_MS);
  } else if (start && !end) {
    end = new Date(start.getTime() + MAX_SPAN_DAYS * DAY_MS);
  } else if (!start && end) {
    start = new Date(end.getTime() - MAX_SPAN_DAYS * DAY_MS);
  }
  if (start! > end!) throw new Open311Error(400, ['start_date must be before end_date']);
  if (end!.getTime() - start!.getTime() > MAX_SPAN_DAYS * DAY_MS) {
    throw new Open311Error(400, [`start_date to end_date may span at most ${MAX_SPAN_DAYS} days; ask for several ranges`]);
  }
  const rows = await open311Requests(
    database,
    {
      start: start!.toISOString(),
      end: end!.toISOString(),
      ...(list(q.service_code).length ? { serviceCodes: list(q.service_code) } : {}),
      ...(statuses.length ? { statuses: statuses as Array<'open' | 'closed'> } : {}),
      limit: MAX_RESULTS,
    },
    config.publicUrl,
  );
  return respondList(c, format, 'service_requests', 'request', rows.map((r) => toRequest(r, extensions)));
}

async function getRequest(c: Context<AppEnv>, format: Format, id: string) {
  const { database, config } = c.get('deps');
  const [row] = await open311Requests(database, { ids: [id], limit: 1 }, config.publicUrl);
  if (!row) throw new Open311Error(404, [`There is no service request "${id}"`]);
  return respondList(c, format, 'service_requests', 'request', [toRequest(row, c.req.query('extensions') === 'true')]);
}

async function token(c: Context<AppEnv>, format: Format, tokenValue: string) {
  // Requests are created at once, so a token is the request id itself.
  const { database, config } = c.get('deps');
  const [row] = await open311Requests(database, { ids: [tokenValue], limit: 1 }, config.publicUrl);
  if (!row) throw new Open311Error(404, [`There is no token "${tokenValue}"`]);
  return respondList(c, format, 'service_requests', 'request', [{ service_request_id: row.service_request_id, token: tokenValue }]);
}

async function postRequest(c: Context<AppEnv>, format: Format) {
  const type = c.req.header('content-type') ?? '';
  if (!/application\/x-www-form-urlencoded|multipart\/form-data/i.test(type)) {
    throw new Open311Error(400, ['Send the request as application/x-www-form-urlencoded']);
  }
  const form = (await c.req.parseBody({ all: true })) as Record<string, string | string[] | File | File[]>;
  const field = (name: string): string | undefined => {
    const v = form[name];
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
  };
  const deps = c.get('deps');
  const apiKey = field('api_key') ?? c.req.query('api_key');
  if (!apiKey) throw new Open311Error(403, ['An api_key is required to post a service request']);
  const key = await useApiKey(deps.database, sha256(apiKey), deps.clock.now());
  if (!key) throw new Open311Error(403, ['This api_key is not valid']);
  if (key.revokedAt) throw new Open311Error(403, ['This api_key has been revoked']);

  const code = field('service_code');
  if (!code) throw new Open311Error(400, ['service_code is required']);
  const category = await findCategory(deps.database, code);
  if (!category || !category.active) throw new Open311Error(404, [`There is no service_code "${code}"`]);

  let coordinates: [number, number];
  const lat = field('lat');
  const long = field('long');
  const address = field('address_string');
  if (lat !== undefined || long !== undefined) {
    const [la, lo] = [Number(lat), Number(long)];
    if (lat === undefined || long === undefined || !Number.isFinite(la) || !Number.isFinite(lo) || Math.abs(la) > 90 || Math.abs(lo) > 180) {
      throw new Open311Error(400, ['lat and long must both be given, as WGS84 decimal degrees']);
    }
    coordinates = [lo, la];
  } else if (address) {
    const [hit] = await searchPlaces(deps.database, address.split(',')[0]!, 1);
    if (!hit) throw new Open311Error(400, [`We could not find "${address}"; please send lat and long`]);
    coordinates = hit.center;
  } else if (field('address_id')) {
    throw new Open311Error(400, ['address_id is not supported here; please send lat and long']);
  } else {
    throw new Open311Error(400, ['A location is required: lat and long, or address_string']);
  }

  const attributes: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    const m = name.match(/^attribute\[([^\]]+)\](\[\])?$/);
    if (!m) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    attributes[m[1]!] = m[2] ? [...((attributes[m[1]!] as string[] | undefined) ?? []), ...values] : (values[0] ?? '');
  }

  const name = [field('first_name'), field('last_name')].filter(Boolean).join(' ') || undefined;
  const contact = ContactInputSchema.safeParse({ ...(name ? { name } : {}), ...(field('email') ? { email: field('email') } : {}), ...(field('phone') ? { phone: field('phone') } : {}) });
  if (!contact.success) throw new Open311Error(400, contact.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const description = field('description') ?? localized(category.name, 'en');
  if (description.length > MAX_DESCRIPTION) throw new Open311Error(400, [`description may be at most ${MAX_DESCRIPTION} characters`]);

  try {
    const result = await createReport(
      deps,
      {
        category: code,
        geometry: { type: 'Point', coordinates },
        description,
        answers: answersFromAttributes(category.questions, attributes),
        contact: contact.data,
        showName: false,
        locale: 'en',
      },
      { channel: 'open311', channelSource: key.name, actor: { type: 'api', id: key.id } },
    );
    const body = result.body as { id: string; responseDays: number };
    const created = {
      service_request_id: body.id,
      service_notice: `Thank you. The council aims to respond within ${body.responseDays} working days.`,
      account_id: null,
    };
    return respondList(c, format, 'service_requests', 'request', [created]);
  } catch (err) {
    if (err instanceof DomainError && err.status === 400) {
      const fields = err.errors.map((e) => `${e.field.replace(/^answers\./, 'attribute[').replace(/^(attribute\[[^.]+)$/, '$1]')}: ${e.message}`);
      throw new Open311Error(400, fields.length ? fields : [err.message]);
    }
    throw err;
  }
}

const GET_ROUTES: Array<[RegExp, Handler]> = [
  [/^discovery$/, (c, f) => discovery(c, f)],
  [/^services$/, (c, f) => services(c, f)],
  [/^services\/([^/]+)$/, (c, f, [code]) => serviceDefinition(c, f, code!)],
  [/^requests$/, (c, f) => getRequests(c, f)],
  [/^requests\/([^/]+)$/, (c, f, [id]) => getRequest(c, f, id!)],
  [/^tokens\/([^/]+)$/, (c, f, [t]) => token(c, f, t!)],
];

export function open311Routes() {
  const router = createRouter();
  router.use(`${BASE}/*`, cors({ origin: '*', allowMethods: ['GET', 'POST', 'OPTIONS'] }));
  router.on(['GET', 'POST'], `${BASE}/*`, async (c) => {
    const path = decodeURIComponent(c.req.path.slice(BASE.length + 1));
    const m = path.match(/^(.+)\.(xml|json)$/);
    const format: Format = m?.[2] === 'json' ? 'json' : 'xml';
    try {
      if (!m) throw new Open311Error(404, [`Nothing at ${c.req.path}; resources end in .xml or .json`]);
      const resource = m[1]!;
      if (c.req.method === 'POST') {
        if (resource !== 'requests') throw new Open311Error(404, [`Nothing to post at ${c.req.path}`]);
        return await postRequest(c, format);
      }
      for (const [pattern, handler] of GET_ROUTES) {
        const hit = resource.match(pattern);
        if (hit) return await handler(c, format, hit.slice(1));
      }
      throw new Open311Error(404, [`Nothing at ${c.req.path}`]);
    } catch (err) {
      if (err instanceof Open311Error) return respondError(c, format, err);
      if (err instanceof DomainError && err.status < 500) return respondError(c, format, new Open311Error(err.status === 404 ? 404 : err.status === 403 ? 403 : 400, [err.message]));
      c.get('log').error({ err }, 'open311 failed');
      return respond(c, format, [{ code: 500, description: 'Something went wrong on our side. It has been logged.' }], { root: 'errors', body: { error: [{ code: 500, description: 'Something went wrong on our side. It has been logged.' }] } }, 500);
    }
  });
  return router;
}
