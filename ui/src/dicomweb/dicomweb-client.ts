import { authHeaders } from '../api/auth';
import { CommandTag, Tag } from '../standard';
import { key, type JsonDataset } from './dicom-json';
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

/**
 * STOW-RS (PS3.18 §10.5): store Part 10 files into a study through the server's receive path.
 * Answers the SOP Instance UIDs stored and, for each refused one, the server's reason
 * (Failure Reason and the comment the server gives in the FailedSOPSequence item).
 */
export async function stow(studyUid: string, files: Blob[]): Promise<{ stored: string[]; failed: { sop: string; reason: string }[] }> {
  const boundary = `atrium-${crypto.randomUUID()}`;
  const parts: BlobPart[] = [];
  for (const f of files) parts.push(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, f, '\r\n');
  parts.push(`--${boundary}--\r\n`);
  const res = await fetch(`${DICOMWEB_ROOT}/studies/${encodeURIComponent(studyUid)}`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`, Accept: 'application/dicom+json', ...authHeaders() },
    body: new Blob(parts),
  });
  let body: JsonDataset | undefined;
  try {
    body = (await res.json()) as JsonDataset;
  } catch {
    throw new DicomwebError(res.status, `STOW-RS: ${res.status} ${res.statusText}`);
  }
  const items = (tag: number) => (body?.[key(tag)]?.Value ?? []) as JsonDataset[];
  const text = (ds: JsonDataset, tag: number) => String(ds[key(tag)]?.Value?.[0] ?? '');
  const reason = (ds: JsonDataset) => {
    const failure = text(ds, Tag.FailureReason);
    return [failure && `Failure Reason ${Number(failure).toString(16).toUpperCase()}H`, text(ds, CommandTag.ErrorComment)].filter(Boolean).join(': ');
  };
  return {
    stored: items(Tag.ReferencedSOPSequence).map((ds) => text(ds, Tag.ReferencedSOPInstanceUID)),
    failed: items(Tag.FailedSOPSequence).map((ds) => ({ sop: text(ds, Tag.ReferencedSOPInstanceUID), reason: reason(ds) })),
  };
}
