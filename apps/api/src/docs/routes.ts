import { createRequire } from 'node:module';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';

const require = createRequire(import.meta.url);
// swagger-ui-dist ships the docs UI as static files, so /api/docs works with no network.
const swaggerDir: string = require('swagger-ui-dist').getAbsoluteFSPath();

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Groundswell API</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="docs"></div>
  <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>`;

// A file, not an inline script, so the page runs under a CSP with script-src 'self'; no
// validator badge, which would load an image from validator.swagger.io.
const INIT_JS = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs', deepLinking: true, validatorUrl: null });`;

/** The OpenAPI document, generated from the same zod schemas that validate requests. */
export function docsRoutes(api: OpenAPIHono<AppEnv>, publicUrl: string) {
  const docs = new Hono<AppEnv>();
  docs.get('/api/openapi.json', (c) =>
    c.json(
      api.getOpenAPIDocument({
        openapi: '3.0.3',
        info: {
          title: 'Groundswell API',
          version: '0.1.0',
          description: 'Report and map local problems; everything public is open data. Personal data of residents never appears in public responses.',
          license: { name: 'AGPL-3.0-or-later' },
        },
        servers: [{ url: publicUrl }],
      }),
    ),
  );
  docs.get('/api/docs', (c) => c.html(DOCS_HTML));
  docs.get('/api/docs/init.js', (c) => c.body(INIT_JS, 200, { 'content-type': 'text/javascript' }));
  docs.use('/api/docs/assets/*', serveStatic({ root: swaggerDir, rewriteRequestPath: (p) => p.replace('/api/docs/assets', '') }));
  return docs;
}
