import type {
  AeTable,
  ApiError,
  AppRunRequest,
  AppSummary,
  DeidRequest,
  FindRequest,
  ImportResponse,
  JobList,
  JobSummary,
  Page,
  QuarantineItem,
  RemoteAe,
  RetrieveRequest,
  SendRequest,
  SeriesDetail,
  StudyDetail,
  StudySummary,
} from '../../../host/src/web/api-types';
import { authHeaders } from './auth';

/** A refused API call: the server's stable code, its message and details (docs/web-api.md, "Errors"). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

async function call<T>(method: string, path: string, body?: unknown, query?: Record<string, string | string[] | undefined>): Promise<T> {
  const url = new URL(`/api${path}`, location.origin);
  for (const [k, v] of Object.entries(query ?? {})) {
    for (const one of Array.isArray(v) ? v : [v]) if (one !== undefined && one !== '') url.searchParams.append(k, one);
  }
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiFailure(res.status, 'ATRIUM_ERR_WEB_BAD_ANSWER', `${method} ${path}: ${res.status} ${res.statusText}`);
  }
  if (!res.ok) {
    const e = (json as ApiError | undefined)?.error;
    throw new ApiFailure(res.status, e?.code ?? 'ATRIUM_ERR_WEB_HTTP', e?.message ?? `${method} ${path}: ${res.status} ${res.statusText}`, e?.details);
  }
  return json as T;
}

/** The JSON API of `atrium web` (host/src/web/api-types.ts is the contract). */
export const api = {
  studies: (query: Record<string, string>) => call<Page<StudySummary>>('GET', '/studies', undefined, query),
  study: (uid: string) => call<StudyDetail>('GET', `/studies/${encodeURIComponent(uid)}`),
  series: (uid: string) => call<SeriesDetail>('GET', `/series/${encodeURIComponent(uid)}`),
  quarantine: (offset = 0) => call<Page<QuarantineItem>>('GET', '/quarantine', undefined, { offset: String(offset), limit: '100' }),
  apps: (series?: string) => call<AppSummary[]>('GET', '/apps', undefined, { series }),
  runApp: (app: string, body: AppRunRequest) => call<JobSummary>('POST', `/apps/${encodeURIComponent(app)}/run`, body),
  jobs: (query: Record<string, string> = {}) => call<JobList>('GET', '/jobs', undefined, query),
  job: (id: number) => call<JobSummary>('GET', `/jobs/${id}`),
  cancelJob: (id: number) => call<JobSummary>('POST', `/jobs/${id}/cancel`),
  aes: () => call<AeTable>('GET', '/aes'),
  addAe: (ae: RemoteAe) => call<RemoteAe>('POST', '/aes', ae),
  removeAe: (title: string) => call<void>('DELETE', `/aes/${encodeURIComponent(title)}`),
  echo: (title: string) => call<JobSummary>('POST', `/aes/${encodeURIComponent(title)}/echo`),
  find: (title: string, body: FindRequest) => call<JobSummary>('POST', `/aes/${encodeURIComponent(title)}/find`, body),
  retrieve: (title: string, body: RetrieveRequest) => call<JobSummary>('POST', `/aes/${encodeURIComponent(title)}/retrieve`, body),
  send: (body: SendRequest) => call<JobSummary>('POST', '/send', body),
  deidentify: (body: DeidRequest) => call<JobSummary>('POST', '/deidentify', body),
  /** The export URL (a streamed zip): opened by the browser as a download. */
  exportUrl: (uids: string[]) => `/api/export?${uids.map((u) => `uid=${encodeURIComponent(u)}`).join('&')}`,
  /** Upload files through the receive path; a 409 (some refused) is an answer, not a failure. */
  async upload(files: File[]): Promise<ImportResponse> {
    const form = new FormData();
    for (const f of files) form.append('file', f, f.name);
    const res = await fetch('/api/import', { method: 'POST', body: form, headers: authHeaders() });
    const json = (await res.json()) as ImportResponse | ApiError;
    if ('error' in json) throw new ApiFailure(res.status, json.error.code, json.error.message, json.error.details);
    return json;
  },
};
