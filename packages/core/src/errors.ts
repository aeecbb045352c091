/**
 * Stable error codes. Clients branch on `code`, never on the human message, so these
 * strings are part of the public contract: add, never rename.
 */
export const ERROR_CODES = {
  validation_failed: 400,
  invalid_geometry: 400,
  geometry_type_not_allowed: 400,
  outside_service_area: 400,
  unknown_category: 400,
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_transition: 409,
  /** A single-use link used already, or expired. */
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  /** Where the problem is: `query.bbox`, `body.geometry.coordinates`, `path.id`. */
  field: string;
  message: string;
}

/** RFC 9457 problem details, with our stable code and the failing fields. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  instance?: string;
}

/** An error the domain raises on purpose; the API turns it into a problem+json answer. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[];
  /** For `rate_limited` and `unavailable`: when to try again, sent as Retry-After. */
  readonly retryAfterSeconds: number | undefined;
  constructor(code: ErrorCode, message: string, errors: FieldError[] = [], options: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = ERROR_CODES[code];
    this.errors = errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function problemOf(err: DomainError, instance?: string): Problem {
  return {
    type: `https://groundswell.dev/problems/${err.code.replaceAll('_', '-')}`,
    title: TITLES[err.code],
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(err.errors.length ? { errors: err.errors } : {}),
    ...(instance ? { instance } : {}),
  };
}

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'Some of what was sent is not valid',
  invalid_geometry: 'The shape on the map is not valid',
  geometry_type_not_allowed: 'This kind of problem cannot be drawn that way',
  outside_service_area: 'This place is outside the area we look after',
  unknown_category: 'Unknown category',
  bad_request: 'Bad request',
  unauthorized: 'Please sign in',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  invalid_transition: 'That change of state is not allowed',
  gone: 'No longer available',
  payload_too_large: 'Too large',
  unsupported_media_type: 'Unsupported file type',
  rate_limited: 'Too many requests',
  internal: 'Something went wrong on our side',
  unavailable: 'Service unavailable',
};
