/**
 * Open311 GeoReport v2 under /open311/v2: discovery, services, service definitions,
 * requests (GET; POST with an api_key), one request, tokens, and FixMyStreet's
 * `servicerequestupdates` extension. Every resource is offered as `.xml` (required by the
 * spec) and `.json`. One jurisdiction, named by our public host: `jurisdiction_id` may be left
 * out, and any other value is a 404 naming it. Contact details sent with a request are stored
 * privately and never appear in any answer.
 */
import type { Context } from 'hono';
import { openCors } from '../http/cors.ts';
import { DomainError, OPEN311_MAX_RESULTS as MAX_RESULTS, open311Jurisdiction, open311JurisdictionError, open311Window, type ReportState } from '@groundswell/core';
import { findCategory, listActiveCategories, open311Requests, type Open311RequestRow } from '@groundswell/db';
import { createRouter } from '../http/router.ts';
import type { AppEnv } from '../http/env.ts';
import { readsFrom } from '../deps.ts';
import { Open311Error, respond, respondError, respondList, type Format } from './format.ts';
import { listServiceRequestUpdates } from './list-updates.ts';
import { postServiceRequest, type ServiceRequestForm } from './post-service-request.ts';
import { toService, toServiceDefinition } from './services.ts';

const BASE = '/open311/v2';
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

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

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
  return respond(
    c,
    format,
    { ...doc, endpoints: [endpoint] },
    {
      root: 'discovery',
      body: { ...doc, endpoints: { endpoint: [{ ...endpoint, formats: { format: endpoint.formats } }] } },
    },
  );
}

async function services(c: Context<AppEnv>, format: Format) {
  const rows = await listActiveCategories(readsFrom(c.get('deps')));
  return respondList(c, format, 'services', 'service', rows.map(toService));
}

async function serviceDefinition(c: Context<AppEnv>, format: Format, code: string) {
  const row = await findCategory(readsFrom(c.get('deps')), code);
  if (!row?.active) throw new Open311Error(404, [`There is no service_code "${code}"`]);
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
  const { config, clock } = c.get('deps');
  const database = readsFrom(c.get('deps'));
  const extensions = q.extensions === 'true';
  const ids = list(q.service_request_id);
  if (ids.length) {
    const rows = await open311Requests(database, { ids: ids.slice(0, MAX_RESULTS), limit: MAX_RESULTS }, config.publicUrl);
    return respondList(
      c,
      format,
      'service_requests',
      'request',
      rows.map((r) => toRequest(r, extensions)),
    );
  }
  const statuses = list(q.status);
  if (statuses.some((s) => s !== 'open' && s !== 'closed')) throw new Open311Error(400, ['status must be open, closed or both (comma-separated)']);
  const window = open311Window(w3cParam('start_date', q.start_date), w3cParam('end_date', q.end_date), clock.now());
  if (typeof window === 'string') throw new Open311Error(400, [window]);
  const { start, end } = window;
  const rows = await open311Requests(
    database,
    {
      start: start.toISOString(),
      end: end.toISOString(),
      ...(list(q.service_code).length ? { serviceCodes: list(q.service_code) } : {}),
      ...(statuses.length ? { statuses: statuses as Array<'open' | 'closed'> } : {}),
      limit: MAX_RESULTS,
    },
    config.publicUrl,
  );
  return respondList(
    c,
    format,
    'service_requests',
    'request',
    rows.map((r) => toRequest(r, extensions)),
  );
}

/** FixMyStreet's extension: `<service_request_updates><request_update>…`, JSON an array. */
async function getUpdates(c: Context<AppEnv>, format: Format) {
  const updates = await listServiceRequestUpdates(c.get('deps'), { start: w3cParam('start_date', c.req.query('start_date')), end: w3cParam('end_date', c.req.query('end_date')) });
  return respondList(c, format, 'service_request_updates', 'request_update', updates);
}

async function getRequest(c: Context<AppEnv>, format: Format, id: string) {
  const deps = c.get('deps');
  // A client may ask for the request it has just created: one the replica does not hold yet is asked of the primary.
  const ask = (database: typeof deps.database) => open311Requests(database, { ids: [id], limit: 1 }, deps.config.publicUrl);
  let [row] = await ask(readsFrom(deps));
  if (!row && readsFrom(deps) !== deps.database) [row] = await ask(deps.database);
  if (!row) throw new Open311Error(404, [`There is no service request "${id}"`]);
  return respondList(c, format, 'service_requests', 'request', [toRequest(row, c.req.query('extensions') === 'true')]);
}

async function token(c: Context<AppEnv>, format: Format, tokenValue: string) {
  // Requests are created at once, so a token is the request id itself; asked right after the
  // POST, so of the primary (which has it), never a replica.
  const { database, config } = c.get('deps');
  const [row] = await open311Requests(database, { ids: [tokenValue], limit: 1 }, config.publicUrl);
  if (!row) throw new Open311Error(404, [`There is no token "${tokenValue}"`]);
  return respondList(c, format, 'service_requests', 'request', [{ service_request_id: row.service_request_id, token: tokenValue }]);
}

/** Reads the form of a `POST requests`: the Open311 field names, trimmed, empty ones left out. */
async function serviceRequestForm(c: Context<AppEnv>): Promise<ServiceRequestForm> {
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
  const attributes: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    const m = name.match(/^attribute\[([^\]]+)\](\[\])?$/);
    if (!m) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    attributes[m[1]!] = m[2] ? [...((attributes[m[1]!] as string[] | undefined) ?? []), ...values] : (values[0] ?? '');
  }
  return {
    apiKey: field('api_key') ?? c.req.query('api_key'),
    jurisdictionId: field('jurisdiction_id') ?? c.req.query('jurisdiction_id'),
    serviceCode: field('service_code'),
    lat: field('lat'),
    long: field('long'),
    addressString: field('address_string'),
    addressId: field('address_id'),
    firstName: field('first_name'),
    lastName: field('last_name'),
    email: field('email'),
    phone: field('phone'),
    description: field('description'),
    attributes,
  };
}

async function postRequest(c: Context<AppEnv>, format: Format) {
  const form = await serviceRequestForm(c);
  checkJurisdiction(c, form.jurisdictionId);
  const created = await postServiceRequest(c.get('deps'), form);
  return respondList(c, format, 'service_requests', 'request', [{ service_request_id: created.serviceRequestId, service_notice: created.serviceNotice, account_id: null }]);
}

const GET_ROUTES: Array<[RegExp, Handler]> = [
  [/^discovery$/, (c, f) => discovery(c, f)],
  [/^services$/, (c, f) => services(c, f)],
  [/^services\/([^/]+)$/, (c, f, [code]) => serviceDefinition(c, f, code!)],
  [/^requests$/, (c, f) => getRequests(c, f)],
  [/^requests\/([^/]+)$/, (c, f, [id]) => getRequest(c, f, id!)],
  [/^tokens\/([^/]+)$/, (c, f, [t]) => token(c, f, t!)],
  [/^servicerequestupdates$/, (c, f) => getUpdates(c, f)],
];

/** Refuses a `jurisdiction_id` that is not ours (404, as the spec answers an unknown one). */
function checkJurisdiction(c: Context<AppEnv>, given: string | undefined) {
  const problem = open311JurisdictionError(given, open311Jurisdiction(c.get('deps').config.publicUrl));
  if (problem) throw new Open311Error(404, [problem]);
}

/** A domain refusal in the spec's terms: its HTTP status where Open311 clients know it, else 400. */
function asOpen311Error(err: DomainError): Open311Error {
  const status = ([403, 404, 413, 429] as const).find((s) => s === err.status) ?? 400;
  return new Open311Error(status, [err.message]);
}

export function open311Routes() {
  const router = createRouter();
  router.use(`${BASE}/*`, openCors({ allowMethods: ['GET', 'POST', 'OPTIONS'] }));
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
      checkJurisdiction(c, c.req.query('jurisdiction_id'));
      for (const [pattern, handler] of GET_ROUTES) {
        const hit = resource.match(pattern);
        if (hit) return await handler(c, format, hit.slice(1));
      }
      throw new Open311Error(404, [`Nothing at ${c.req.path}`]);
    } catch (err) {
      if (err instanceof Open311Error) return respondError(c, format, err);
      if (err instanceof DomainError && err.status < 500) return respondError(c, format, asOpen311Error(err));
      c.get('log').error({ err }, 'open311 failed');
      return respond(
        c,
        format,
        [{ code: 500, description: 'Something went wrong on our side. It has been logged.' }],
        { root: 'errors', body: { error: [{ code: 500, description: 'Something went wrong on our side. It has been logged.' }] } },
        500,
      );
    }
  });
  return router;
}
