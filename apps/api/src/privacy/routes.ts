import { createRoute } from '@hono/zod-openapi';
import { PrivacyNoticeSchema, privacyItems } from '@groundswell/core';
import { createRouter, jsonResponse } from '../http/router.ts';

const route = createRoute({
  method: 'get',
  path: '/api/privacy',
  tags: ['System'],
  summary: 'The privacy notice as data: who the controller is, what is kept about residents and for how long, from the settings the server applies',
  responses: { 200: jsonResponse(PrivacyNoticeSchema, 'The notice') },
});

export function privacyRoutes() {
  return createRouter().openapi(route, (c) => {
    const { config } = c.get('deps');
    c.header('cache-control', 'public, max-age=300');
    return c.json({ controller: { name: config.privacy.controller, contact: config.privacy.contact, policyUrl: config.privacy.policyUrl }, items: privacyItems(config) }, 200);
  });
}
