import type { BBox, Geometry, PublicEvent, PublicReportProperties } from '@groundswell/core';

/** `GET /api/config`: what the app needs before it can draw anything. */
export interface SiteConfig {
  siteName: string;
  mapStyleUrl: string;
  bounds: BBox;
  locales: string[];
  defaultLocale: string;
}

export interface ReportFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: PublicReportProperties;
}

export interface ReportCollection {
  type: 'FeatureCollection';
  features: ReportFeature[];
  numberReturned: number;
  truncated: boolean;
}

export interface ReportDetail extends ReportFeature {
  timeline: PublicEvent[];
}
