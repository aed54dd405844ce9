// One fetch wrapper: adds the API key, turns RFC 9457 problem answers into ApiError.
import type { ApiPath } from './types';

export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
  limit?: number;
  field?: string;
  stage?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describe(status: number, problem: Problem): string {
  if (status === 0) return problem.detail ?? 'The gateway could not be reached.';
  if (status === 401) return 'Your API key was not accepted. Log in again.';
  if (status === 403) return 'Your role does not allow this.';
  const where = problem.field ? ` (field: ${problem.field})` : problem.stage ? ` (stage: ${problem.stage})` : '';
  return `${problem.detail ?? problem.title ?? `Request failed with status ${status}`}${where}`;
}

/** Fills `{name}` placeholders, escaping each value. */
export function fillPath(template: ApiPath, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in params)) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(params[name]);
  });
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  key?: string | null;
  signal?: AbortSignal;
  /** Statuses whose JSON body is still the answer (e.g. /ready answers 503 with a report). */
  acceptStatus?: number[];
}

export async function request<T>(path: ApiPath, options: RequestOptions = {}): Promise<T> {
  let url = fillPath(path, options.params);
  const query = Object.entries(options.query ?? {}).filter(([, v]) => v !== undefined && v !== '');
  if (query.length) url += '?' + new URLSearchParams(query.map(([k, v]) => [k, String(v)])).toString();
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.key) headers.Authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, { detail: 'The gateway could not be reached. Is the mesh running?' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = { detail: text.slice(0, 300) };
  }
  if (response.ok || options.acceptStatus?.includes(response.status)) return body as T;
  throw new ApiError(response.status, (body as Problem) ?? {});
}
