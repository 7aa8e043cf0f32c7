import { authHeaders } from '../api/auth';
import type { JsonDataset } from './dicom-json';
import { parseMultipart, type Part } from './multipart';

/** Where the server serves DICOMweb (PS3.18), relative to the page's origin. */
export const DICOMWEB_ROOT = `${location.origin}/dicom-web`;

/** A failed DICOMweb request: the status and the server's coded reason when it sent one. */
export class DicomwebError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function failure(res: Response, what: string): Promise<DicomwebError> {
  let reason = res.statusText;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message) reason = `${body.error.message}${body.error.code ? ` [${body.error.code}]` : ''}`;
  } catch {
    /* not JSON: the status text says it */
  }
  return new DicomwebError(res.status, `${what}: ${res.status} ${reason}`);
}

/** QIDO-RS / WADO-RS metadata: DICOM JSON (an empty result when the server answers 204). */
export async function getJson(path: string, params?: Record<string, string | number | undefined>): Promise<JsonDataset[]> {
  const url = new URL(`${DICOMWEB_ROOT}${path}`);
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== '') url.searchParams.set(k, String(v));
  const res = await fetch(url, { headers: { Accept: 'application/dicom+json', ...authHeaders() } });
  if (res.status === 204) return [];
  if (!res.ok) throw await failure(res, `GET ${path}`);
  return (await res.json()) as JsonDataset[];
}

/** A WADO-RS multipart/related response (bulk data, instances) split into its parts. */
export async function getParts(pathOrUrl: string, accept: string): Promise<Part[]> {
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${DICOMWEB_ROOT}${pathOrUrl}`;
  const res = await fetch(url, { headers: { Accept: accept, ...authHeaders() } });
  if (!res.ok) throw await failure(res, `GET ${url}`);
  const body = new Uint8Array(await res.arrayBuffer());
  return parseMultipart(body, res.headers.get('content-type') ?? '');
}

/** The PNG of a rendered instance (PS3.18 §10.4.1.1.3), as an object URL for an <img>. */
export async function renderedUrl(path: string, params: Record<string, string> = {}): Promise<string> {
  const url = new URL(`${DICOMWEB_ROOT}${path}/rendered`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, { headers: { Accept: 'image/png', ...authHeaders() } });
  if (!res.ok) throw await failure(res, `GET ${path}/rendered`);
  return URL.createObjectURL(await res.blob());
}
