import { openCors } from './http/cors.ts';
import { compressAnswers } from './http/compress.ts';
import { DomainError } from '@groundswell/core';
import type { AppDeps } from './deps.ts';
import { createRouter } from './http/router.ts';
import { onError, problemResponse } from './http/problem.ts';
import { requestLog } from './http/request-log.ts';
import { bodyLimits } from './http/body-limit.ts';
import { cleanInput } from './http/clean-input.ts';
import { securityHeaders } from './http/security-headers.ts';
import { healthRoutes } from './health/routes.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { createMetrics } from './metrics/registry.ts';
import { metricsRoutes, observeRequests } from './metrics/routes.ts';
import { categoryRoutes } from './categories/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { nearbyRoutes } from './reports/nearby-routes.ts';
import { siteRoutes } from './site/routes.ts';
import { documentPhotoRoutes, photoRoutes } from './photos/routes.ts';
import { subscriptionRoutes } from './subscriptions/routes.ts';
import { questionnaireRoutes } from './questionnaires/routes.ts';
import { placeRoutes } from './places/routes.ts';
import { areaRoutes } from './areas/routes.ts';
import { staffAuthRoutes } from './staff/auth-routes.ts';
import { ssoRoutes } from './staff/sso/routes.ts';
import { residentRoutes } from './residents/routes.ts';
import { staffReportRoutes } from './staff/report-routes.ts';
import { staffAdminRoutes } from './staff/admin-routes.ts';
import { streetRoutes } from './streets/routes.ts';
import { staffSecurityRoutes } from './staff/security/routes.ts';
import { subjectAccessRoutes } from './staff/subject-access/routes.ts';
import { insightRoutes } from './insight/routes.ts';
import { evidenceRoutes } from './insight/evidence-routes.ts';
import { conversationRoutes } from './insight/conversation-routes.ts';
import { assetRoutes } from './assets/routes.ts';
import { openDataRoutes } from './open-data/routes.ts';
import { gisExportRoutes } from './open-data/gis-routes.ts';
import { tileRoutes } from './tiles/routes.ts';
import { staffTileRoutes } from './tiles/staff-routes.ts';
import { baseTileRoutes } from './tiles/base-routes.ts';
import { mapPictureRoutes } from './map-picture/routes.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { open311Routes } from './open311/routes.ts';
import { feedRoutes } from './feeds/routes.ts';
import { docsRoutes } from './docs/routes.ts';
import { webRoutes } from './web/routes.ts';
import { listeningRoutes } from './listening/routes.ts';
import { handoffRoutes } from './handoff/routes.ts';
import { assetLayerRoutes } from './asset-layers/routes.ts';

/**
 * The one place the HTTP app is put together. The server and every test call it with
 * their own dependencies; nothing here is a module-level singleton.
 */
export function createApp(deps: AppDeps) {
  const api = createRouter();
  const metrics = createMetrics(deps);
  api.use('*', requestLog(deps));
  api.use('*', observeRequests(metrics));
  api.use('*', securityHeaders(deps.config));
  // Phones on weak signal: MapLibre alone is 1 MB raw, 270 KB gzipped. Small and binary bodies are left as they are.
  api.use('*', compressAnswers());
  // Open data is meant to be read from anywhere; nothing public depends on cookies.
  api.use('/api/*', openCors({ allowMethods: ['GET', 'POST', 'OPTIONS'] }));
  // Before any route reads a byte: bounded bodies, and text the database can store (issue 11).
  api.use('*', bodyLimits());
  api.use('*', cleanInput());

  api.route('/', healthRoutes());
  api.route('/', metricsRoutes(metrics, deps.config.metricsToken));
  api.route('/', siteRoutes());
  api.route('/', privacyRoutes());
  api.route('/', categoryRoutes());
  // nearby first: /api/reports/nearby must not be read as a report id.
  api.route('/', nearbyRoutes());
  api.route('/', reportRoutes());
  api.route('/', photoRoutes());
  documentPhotoRoutes(api);
  api.route('/', subscriptionRoutes());
  // "Is it fixed?": the reporter's answer behind an emailed single-use link (issue 12).
  api.route('/', questionnaireRoutes());
  api.route('/', placeRoutes());
  api.route('/', areaRoutes());
  // A resident's own reports and follows, behind an emailed sign-in link (issue 12).
  api.route('/', residentRoutes());
  // Sign-in, and the session + CSRF guard for everything under /api/staff.
  api.route('/', staffAuthRoutes());
  // Single sign-on with the council's directory (OpenID Connect), when OIDC_ISSUER is set.
  api.route('/', ssoRoutes(deps.config));
  api.route('/', staffReportRoutes());
  api.route('/', staffTileRoutes());
  api.route('/', staffAdminRoutes());
  api.route('/', streetRoutes());
  // Hand-off to the council's systems and their updates back (issue 14).
  api.route('/', handoffRoutes());
  api.route('/', assetLayerRoutes());
  api.route('/', staffSecurityRoutes());
  api.route('/', subjectAccessRoutes());
  api.route('/', insightRoutes());
  api.route('/', evidenceRoutes());
  api.route('/', conversationRoutes());
  api.route('/', assetRoutes());

  api.route('/', openDataRoutes());
  api.route('/', gisExportRoutes());
  api.route('/', tileRoutes());
  api.route('/', baseTileRoutes());
  // The still picture of the map that phones show before MapLibre (issue 12, ADR 0004).
  api.route('/', mapPictureRoutes());
  api.route('/', ogcRoutes());
  api.route('/', open311Routes());
  api.route('/', feedRoutes());
  // The listening inbox (staff), its admin, the SMS webhooks and "How we listen" (issue 13).
  api.route('/', listeningRoutes());

  api.route('/', docsRoutes(api, deps.config.publicUrl));
  api.route('/', webRoutes(deps.config.webDist));

  api.notFound((c) => problemResponse(c, new DomainError('not_found', `Nothing at ${c.req.path}`)));
  api.onError(onError);
  return api;
}

export type App = ReturnType<typeof createApp>;
