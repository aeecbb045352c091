/**
 * The OpenAPI document of /api/openapi.json: generated from the route definitions and their
 * zod contracts, then completed here, in one place, with what no single route should have to
 * repeat: an `operationId` for every operation (from its method and path, unless the route
 * set one), the staff security schemes applied to the staff operations, and links to the
 * other two API descriptions (OGC API Features and Open311). `pnpm lint:openapi` holds the
 * result to Redocly's recommended rules.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { SESSION_COOKIE } from '../staff/session.ts';
import { SIGNED_OUT_PATHS } from '../staff/auth-routes.ts';

type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPIDocument']>;
type Operation = { operationId?: string; security?: Array<Record<string, string[]>>; responses?: Record<string, unknown> };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Methods that change something: under /api/staff they also need the CSRF header. */
const CHANGES = new Set(['post', 'put', 'patch', 'delete']);

export const SECURITY_SCHEMES = {
  staffSession: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The httpOnly session cookie set by `POST /api/staff/login`.',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description:
      "The session's CSRF token (returned by `POST /api/staff/login` and `GET /api/staff/me`), required with the session on every change under /api/staff, together with a same-site `Origin`.",
  },
} as const;

const DESCRIPTION = `Report and map local problems; everything public is open data. Personal data of residents never appears in public responses.

The same public data is also offered through two open standards, each described in its own document:

- **OGC API Features** (for QGIS, GDAL and other GIS clients): the landing page [\`/ogc\`](/ogc), its OpenAPI 3.0 definition [\`/ogc/api\`](/ogc/api), browsable at [\`/ogc/api.html\`](/ogc/api.html).
- **Open311 GeoReport v2** (for issue-reporting apps): discovery at [\`/open311/v2/discovery.json\`](/open311/v2/discovery.json) (or \`.xml\`), services at [\`/open311/v2/services.json\`](/open311/v2/services.json); the resources follow the [GeoReport v2 specification](https://wiki.open311.org/GeoReport_v2/), plus FixMyStreet's \`servicerequestupdates.{xml,json}?start_date=…&end_date=…\` for officers' public updates. Posting a request needs an \`api_key\` (\`pnpm cli apikey create\`).

Staff operations (under \`/api/staff\`) need the session cookie from \`POST /api/staff/login\`; changes also need its CSRF token in \`X-CSRF-Token\`.`;

/** `get /api/staff/reports/{id}/state` → `getStaffReportsByIdState`: readable, stable and unique per method and path. */
export function operationIdFor(method: string, path: string): string {
  const words = path
    .split('/')
    .filter((s) => s && s !== 'api')
    .map((s) => {
      const param = s.match(/^\{(.+)\}$/);
      return param ? `by-${param[1]}` : s;
    })
    .flatMap((s) => s.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return [method.toLowerCase(), ...words.map((w) => w[0]!.toUpperCase() + w.slice(1))].join('');
}

/**
 * Every request passes `http/clean-input.ts` before its route, so any operation, even one that
 * reads no input, answers 400 to a URL with text the database cannot store.
 */
const URL_REFUSED = {
  description: 'The URL holds text that cannot be stored (a NUL, a lone surrogate, bad percent-encoding); `errors` names the part',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** Who may call an operation: the staff session (and for changes its CSRF token), or anyone. */
function securityFor(method: string, path: string): Array<Record<string, string[]>> {
  if (!path.startsWith('/api/staff/') || SIGNED_OUT_PATHS.has(path)) return [];
  return CHANGES.has(method) ? [{ staffSession: [], csrfToken: [] }] : [{ staffSession: [] }];
}

export function openApiDocument(api: OpenAPIHono<AppEnv>, publicUrl: string): OpenApiDocument {
  const doc = api.getOpenAPIDocument({
    openapi: '3.0.3',
    info: {
      title: 'Groundswell API',
      version: '0.1.0',
      description: DESCRIPTION,
      license: { name: 'AGPL-3.0-or-later', url: 'https://www.gnu.org/licenses/agpl-3.0.html' },
    },
    servers: [{ url: publicUrl }],
    externalDocs: { description: 'OGC API Features definition of the same open data', url: `${publicUrl}/ogc/api` },
  });
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (!op) continue;
      op.operationId ??= operationIdFor(method, path);
      const clash = seen.get(op.operationId);
      if (clash) throw new Error(`OpenAPI: operationId ${op.operationId} of ${method} ${path} is already used by ${clash}`);
      seen.set(op.operationId, `${method} ${path}`);
      op.security ??= securityFor(method, path);
      if (op.responses && !Object.keys(op.responses).some((status) => status.startsWith('4'))) op.responses['400'] = URL_REFUSED;
    }
  }
  doc.components = { ...doc.components, securitySchemes: { ...doc.components?.securitySchemes, ...SECURITY_SCHEMES } };
  return doc;
}
