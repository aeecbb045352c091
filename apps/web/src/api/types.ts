import type { GeometryKind } from '@groundswell/core/rules';
import type { NearbyCollection } from '@groundswell/core/schemas';

/**
 * The API's answers, as the API declares them (packages/core/src/schemas): types only, so no
 * zod reaches the browser.
 */
export type {
  NearbyCollection,
  PhotoCreated,
  Place,
  PublicReportDetail as ReportDetail,
  PublicReportFeature as ReportFeature,
  ReportCollection,
  ReportCreated,
  SiteConfig,
  SupportResult,
} from '@groundswell/core/schemas';

/** One feature of `GET /api/reports/nearby`. */
export type NearbyFeature = NearbyCollection['features'][number];

/** A shape a resident draws: what `POST /api/reports` accepts. */
export type DrawnGeometry = { type: 'Point'; coordinates: [number, number] } | { type: 'LineString'; coordinates: [number, number][] } | { type: 'Polygon'; coordinates: [number, number][][] };
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
  /** The council asset picked from an asset layer. */
  asset?: { layer: number; id: string; name?: string };
}

/** RFC 9457 problem details as the API sends them. */
export type { ProblemBody } from './http.ts';
