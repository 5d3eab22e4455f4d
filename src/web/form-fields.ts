import { z } from 'zod';

/**
 * Reading what a page's form or query string sent. Every page takes its body (and its query) with
 * this loose schema and checks the fields itself, so a wrong field re-renders the page with the
 * error summary rather than answering with a bare 400 or 404.
 */
export const formBody = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** A form body or a query string as Fastify parses them (a repeated name gives an array). */
export type FormBody = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The first value sent under `name`, trimmed; empty when none. */
export function field(body: FormBody | undefined, name: string): string {
  return rawField(body, name).trim();
}

/** The first value sent under `name` exactly as typed (spacing and line breaks kept). */
export function rawField(body: FormBody | undefined, name: string): string {
  const value = body?.[name];
  return (typeof value === 'string' ? value : value?.[0]) ?? '';
}

/** Every non-empty value sent under `name` (checkboxes). */
export function fields(body: FormBody | undefined, name: string): string[] {
  const value = body?.[name];
  const all = value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
  return all.map((v) => v.trim()).filter((v) => v !== '');
}
