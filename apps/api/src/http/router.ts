import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from './env.ts';
import { validationError } from './problem.ts';

const WHERE: Record<string, string> = { json: 'body', form: 'body', param: 'path', query: 'query', header: 'header' };

/** A domain's router: zod validation failures leave as problem+json naming the field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, WHERE[result.target] ?? result.target);
    },
  });
}

/** The problem+json response, documented once for every route. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({ description: 'Stable machine-readable error code' }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    instance: z.string().optional(),
  })
  .meta({ id: 'Problem' });

export const problemResponses = {
  400: { description: 'Invalid input; `errors` names each field', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

export const notFoundResponse = {
  404: { description: 'Not found', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

/** A documented JSON response: `responses: { 200: jsonResponse(Schema, 'The report') }`. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description = 'OK') => ({ description, content: { 'application/json': { schema } } });

/** What every /api/staff route may answer besides its own result. */
export const staffErrorResponses = {
  ...problemResponses,
  ...notFoundResponse,
  401: { description: 'Not signed in' },
  403: { description: 'Not allowed, or the CSRF check failed' },
} as const;

/** A staff route's responses: its answer (200) and every problem a staff route can answer. */
export const staffOk = <T extends z.ZodType>(schema: T, description = 'OK') => ({ 200: jsonResponse(schema, description), ...staffErrorResponses });
/** A staff route that creates something: 201 with it, and the problems. */
export const staffCreated = <T extends z.ZodType>(schema: T) => ({ 201: jsonResponse(schema, 'Created'), ...staffErrorResponses });
/**
 * An uploaded GeoJSON FeatureCollection (area boundaries, a street register): at least one
 * feature with free properties; each geometry is checked by the import's own rules, which name
 * the feature at fault.
 */
export const uploadedFeatureCollection = (geometry: string) =>
  z.object({
    type: z.literal('FeatureCollection'),
    features: z
      .array(
        z.object({
          type: z.literal('Feature'),
          properties: z.record(z.string(), z.unknown()).nullable().meta({ type: 'object', additionalProperties: true, nullable: true }),
          geometry: z.unknown().meta({ type: 'object', description: geometry }),
        }),
      )
      .min(1),
  });
/** A required JSON request body validated by `schema`. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
