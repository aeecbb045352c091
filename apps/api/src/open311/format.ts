/** Open311 answers in XML (the required format) or JSON, and errors in the spec's shape. */
import type { Context } from 'hono';
import { XMLBuilder } from 'fast-xml-parser';
import { Open311Error } from './errors.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export { Open311Error };

export type Format = 'xml' | 'json';

const builder = new XMLBuilder({ format: true, ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

type Value = string | number | boolean | null | undefined | Value[] | { [k: string]: Value };

/** nulls become empty elements; booleans and numbers text. */
function forXml(v: Value): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(forXml);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forXml(x)]));
  return String(v);
}

/** `root` and `item` name the XML list (`service_requests`/`request`); JSON is the bare array or object. */
export function xmlDocument(root: string, body: Value): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: forXml(body) })}`;
}

export const XML_TYPE = 'text/xml; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function respond(c: Context, format: Format, json: Value, xml: { root: string; body: Value }, status: ContentfulStatusCode = 200): Response {
  if (format === 'json') return c.body(JSON.stringify(json), status, { 'content-type': JSON_TYPE });
  return c.body(xmlDocument(xml.root, xml.body), status, { 'content-type': XML_TYPE });
}

/** A list the spec wraps: XML <root><item/>…</root>, JSON an array. */
export function respondList(c: Context, format: Format, root: string, item: string, items: Array<Record<string, Value>>): Response {
  return respond(c, format, items, { root, body: { [item]: items } });
}

/** Errors: HTTP 400, 403 or 404, and an array of {code, description}. */
export function respondError(c: Context, format: Format, err: Open311Error): Response {
  const errors = err.errors.map((description) => ({ code: err.status, description }));
  return respond(c, format, errors, { root: 'errors', body: { error: errors } }, err.status);
}
