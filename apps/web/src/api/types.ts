import type { BBox, Geometry, GeometryKind, PublicEvent, PublicReportProperties } from '@groundswell/core/rules';

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

/** `GET /api/reports/nearby`: open reports near a place, nearest first. */
export interface NearbyFeature extends ReportFeature {
  distanceMeters: number;
}
export interface NearbyCollection {
  type: 'FeatureCollection';
  features: NearbyFeature[];
}

/** `GET /api/places?q=`: a council area or a named place. */
export interface Place {
  name: string;
  kind: 'area' | 'place';
  center: [number, number];
  bbox: BBox | null;
}

/** A shape a resident draws: what `POST /api/reports` accepts. */
export type DrawnGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'Polygon'; coordinates: [number, number][][] };
export type { GeometryKind };

/** The JSON body of `POST /api/reports`. */
export interface ReportBody {
  category: string;
  geometry: DrawnGeometry;
  description: string;
  answers: Record<string, string | number | boolean | string[]>;
  contact: { name?: string; email?: string; phone?: string };
  showName: boolean;
  locale: 'en' | 'pl';
}

/** `201` from `POST /api/reports` (the same body again when an Idempotency-Key is replayed). */
export interface ReportCreated {
  id: string;
  url: string;
  pageUrl: string;
  state: string;
  category: string;
  responseDays: number;
  createdAt: string;
  uploadToken: string;
}

export interface PhotoCreated {
  id: string;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
}

export interface SupportResult {
  supportCount: number;
  added: boolean;
}

/** RFC 9457 problem details as the API sends them. */
export type { ProblemBody } from './http.ts';
