/**
 * The one HTTP client of the web app: JSON in and out, RFC 9457 problems as `ProblemError`,
 * no answer at all as `NetworkError`. The resident's client, the staff console and the
 * insight pages each make one with what they need (the language, the CSRF token, what a
 * 401 means) and keep only their typed endpoints.
 */

/** A field the server refused, as the API names it (`body.email`, `idempotency-key`…). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem body, as much of it as the server sent. */
export interface ProblemBody {
  title?: string;
  detail?: string;
  code?: string;
  status?: number;
  errors?: FieldProblem[];
}

/** The server answered, but not with success. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
    /** The problem+json body, when the server sent one. */
    readonly problem: ProblemBody = {},
    /** Seconds from `Retry-After`, when the server sent one (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(problem.detail ?? `${url} answered ${status}`);
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get detail(): string | undefined {
    return this.problem.detail;
  }

  get errors(): readonly FieldProblem[] {
    return this.problem.errors ?? [];
  }

  /** The first message for each refused field, keyed without the `body.` prefix the API adds. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) out[e.field.replace(/^body\./, '')] ??= e.message;
    return out;
  }
}

/** No answer at all: offline, the connection dropped, or the server is unreachable. */
export class NetworkError extends Error {}

/** `Retry-After` as seconds: a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** The problem a failed response carries; a body that is not JSON leaves only the status. */
export async function problemOf(response: Response, url: string): Promise<ProblemError> {
  let problem: ProblemBody = {};
  try {
    if (/json/.test(response.headers.get('content-type') ?? '')) problem = (await response.json()) as ProblemBody;
  } catch {
    // A body that is not JSON: the status says enough.
  }
  return new ProblemError(response.status, url, problem, parseRetryAfter(response.headers.get('retry-after')));
}

/** Field errors of any error: empty unless it is a problem naming fields. */
export function fieldErrors(err: unknown): Record<string, string> {
  return err instanceof ProblemError ? err.fieldErrors() : {};
}

export interface HttpOptions {
  /** The language the answer should use (`accept-language`). */
  language: () => string;
  /** A staff session's CSRF token, sent with every change. */
  csrf?: () => string;
  /** Called before a 401 is thrown (a staff session that ended). */
  onUnauthorized?: (url: string) => void;
  /** `fetch` itself; tests hand in their own. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface Http {
  request<T>(method: Method, url: string, options?: RequestOptions): Promise<T>;
  get<T>(url: string, signal?: AbortSignal): Promise<T>;
  post<T>(url: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
}

export function createHttp(options: HttpOptions): Http {
  const send = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: Method, url: string, { body, headers = {}, signal }: RequestOptions = {}): Promise<T> {
    const all: Record<string, string> = { accept: 'application/json', 'accept-language': options.language() };
    if (body !== undefined) all['content-type'] = 'application/json';
    if (method !== 'GET' && options.csrf) all['x-csrf-token'] = options.csrf();
    Object.assign(all, headers);
    let response: Response;
    try {
      response = await send(url, {
        method,
        headers: all,
        credentials: 'same-origin',
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new NetworkError(String(err));
    }
    if (!response.ok) {
      const problem = await problemOf(response, url);
      if (response.status === 401) options.onUnauthorized?.(url);
      throw problem;
    }
    return (await response.json()) as T;
  }

  return {
    request,
    get: <T>(url: string, signal?: AbortSignal) => request<T>('GET', url, { signal }),
    post: <T>(url: string, body: unknown = {}, headers?: Record<string, string>) => request<T>('POST', url, { body, ...(headers ? { headers } : {}) }),
  };
}

/** A query string from filters, leaving out empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}
