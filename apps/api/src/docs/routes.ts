import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { openApiDocument } from './openapi-document.ts';

const require = createRequire(import.meta.url);
// swagger-ui-dist ships the docs UI as static files, so /api/docs works with no network. Its
// package.json locates them: requiring the package itself would load its 1.5 MB browser bundle
// into the server (about 48 MB of memory for files the server only sends).
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));

/**
 * The docs page: Swagger UI with a top bar that switches between this API's document and the
 * OGC API Features definition, and, above it in plain HTML (readable without JavaScript),
 * where the three API descriptions are, Open311's among them (GeoReport v2 has no OpenAPI).
 */
const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Groundswell API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <nav class="swagger-ui" aria-label="API descriptions">
    <div class="wrapper">
      <p>The APIs of this site, with the same public data:</p>
      <ul>
        <li><a href="/api/openapi.json">Groundswell API</a> (OpenAPI 3.0, shown below)</li>
        <li><a href="/ogc/api">OGC API Features</a> (OpenAPI 3.0; also <a href="/ogc/api.html">browsable</a>, landing page <a href="/ogc">/ogc</a>)</li>
        <li><a href="/open311/v2/discovery.json">Open311 GeoReport v2</a> (discovery; services at <a href="/open311/v2/services.json">/open311/v2/services.json</a>, resources as in the <a href="https://wiki.open311.org/GeoReport_v2/">GeoReport v2 specification</a>)</li>
      </ul>
    </div>
  </nav>
  <div id="docs"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

// A file, not an inline script, so the page runs under a CSP with script-src 'self'; no
// validator badge, which would load an image from validator.swagger.io.
const INIT_JS = `window.ui = SwaggerUIBundle({
  urls: [
    { url: '/api/openapi.json', name: 'Groundswell API' },
    { url: '/ogc/api', name: 'OGC API Features' },
  ],
  'urls.primaryName': 'Groundswell API',
  dom_id: '#docs',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});`;

/** The OpenAPI document, generated from the same zod schemas that validate requests. */
export function docsRoutes(api: OpenAPIHono<AppEnv>, publicUrl: string) {
  const docs = new Hono<AppEnv>();
  docs.get('/api/openapi.json', (c) => c.json(openApiDocument(api, publicUrl)));
  docs.get('/api/docs', (c) => c.html(DOCS_HTML));
  docs.get('/api/docs/init.js', (c) => c.body(INIT_JS, 200, { 'content-type': 'text/javascript' }));
  docs.use('/api/docs/assets/*', serveStatic({ root: swaggerDir, rewriteRequestPath: (p) => p.replace('/api/docs/assets', '') }));
  return docs;
}
