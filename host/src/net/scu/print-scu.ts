import { SopClass } from '@atrium/sdk';
import { AtriumError } from '../../errors/atrium-error.js';
import { isOutOfResources, statusCategory } from '../../errors/dimse-statuses.js';
import { itemsOf, textOf, type AttributeList } from '../dimse/attribute-list.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { normalizedRequest, requireSuccess, type NormalizedRequest, type NormalizedResponse } from '../dimse/normalized-request.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import type { ContextProposal } from '../ul/request-association.js';

/** The well-known Printer SOP Instance (PS3.4 §H.4.11.1, PS3.6 Annex A). */
export const PRINTER_INSTANCE = '1.2.840.10008.5.1.1.17';

/** The Basic Grayscale Print Management Meta SOP Class context (PS3.4 §H.3.1). */
export const GRAYSCALE_PRINT_CONTEXT: ContextProposal = { abstractSyntax: SopClass.BasicGrayscalePrintManagementMeta, transferSyntaxes: [UNCOMPRESSED_SYNTAXES[0]!, UNCOMPRESSED_SYNTAXES[1]!] };

/** One film to print: its layout and the images of its boxes (8-bit greyscale, row-major). */
export interface Film {
  readonly columns: number;
  readonly rows: number;
  /** Film Size ID (2010,0050), e.g. 14INX17IN. */
  readonly filmSize?: string;
  readonly orientation?: 'PORTRAIT' | 'LANDSCAPE';
  readonly copies: number;
  readonly images: readonly { readonly width: number; readonly height: number; readonly data: Uint8Array }[];
}

/** What a printed film gave. */
export interface PrintedFilm {
  readonly printerStatus?: string;
  readonly printerStatusInfo?: string;
  readonly filmSession: string;
  readonly filmBox: string;
  readonly imageBoxes: number;
  /** Warnings answered (status Bxxx) and printer events received, as text. */
  readonly warnings: readonly string[];
}

/** Print failures worth retrying (Canon GCA-9300R conformance statement, Print: up to 5 retries): A7xx, 0213, C6xx film / printer states, 0110. */
const retryable = (status: number): boolean => isOutOfResources(status) || status === 0x0213 || status === 0x0110 || (status & 0xff00) === 0xc600;

/**
 * Prints one film on an open association with the Basic Grayscale Print Management Meta
 * SOP Class (PS3.4 Annex H): Printer N-GET (status), Film Session N-CREATE (copies),
 * Film Box N-CREATE (STANDARD\c,r, orientation, film size), one Image Box N-SET per image
 * (MONOCHROME2, 8 bits), Film Box N-ACTION (print), Film Session N-DELETE. Printer
 * N-EVENT-REPORTs are answered by the connection's handler (the print job's, with
 * {@link describePrinterEvent}).
 * @throws AtriumError `ATRIUM_ERR_NET_NO_CONTEXT` when the peer is no grayscale print SCP;
 *   `ATRIUM_ERR_NET_REMOTE_FAILED` naming the step and status (retryable as above), also
 *   when the printer reports FAILURE.
 */
export async function printFilm(connection: DimseConnection, film: Film, warnings: string[] = []): Promise<PrintedFilm> {
  const context = connection.association.contextFor(SopClass.BasicGrayscalePrintManagementMeta);
  const peer = connection.association.calledAeTitle;
  if (!context) throw new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${peer} did not accept the Basic Grayscale Print Management Meta SOP Class: it is not a grayscale print SCP`, { ae: peer });
  const step = async (what: string, request: NormalizedRequest): Promise<NormalizedResponse> => {
    const r = requireSuccess(await normalizedRequest(connection, context, request), `${what} at ${peer}`, retryable);
    if (statusCategory(r.status) === 'warning') warnings.push(`${what}: warning ${r.status.toString(16).toUpperCase().padStart(4, '0')}${r.command.ErrorComment ? ` ${r.command.ErrorComment}` : ''}`);
    return r;
  };
  const printer = await step('Printer N-GET', { op: 'N-GET', sopClass: SopClass.Printer, instance: PRINTER_INSTANCE, attributes: [] });
  const printerStatus = printer.attributes ? textOf(printer.attributes, 'PrinterStatus') : undefined;
  const printerStatusInfo = printer.attributes ? textOf(printer.attributes, 'PrinterStatusInfo') : undefined;
  if (printerStatus === 'FAILURE') throw new AtriumError('ATRIUM_ERR_NET_REMOTE_FAILED', `Printer ${peer} reports FAILURE${printerStatusInfo ? ` (${printerStatusInfo})` : ''}`, { printerStatus, retryable: true });
  const session = await step('Film Session N-CREATE', { op: 'N-CREATE', sopClass: SopClass.BasicFilmSession, attributes: { NumberOfCopies: String(film.copies) } });
  const filmSession = session.command.AffectedSOPInstanceUID ?? '';
  const box = await step('Film Box N-CREATE', { op: 'N-CREATE', sopClass: SopClass.BasicFilmBox, attributes: filmBoxAttributes(film, filmSession) });
  const filmBox = box.command.AffectedSOPInstanceUID ?? '';
  const boxes = itemsOf(box.attributes ?? {}, 'ReferencedImageBoxSequence');
  if (boxes.length < film.images.length) throw new AtriumError('ATRIUM_ERR_NET_REMOTE_FAILED', `${peer} created ${boxes.length} image boxes for a ${film.columns},${film.rows} film of ${film.images.length} images`, { retryable: false });
  for (const [i, image] of film.images.entries()) {
    const instance = textOf(boxes[i]!, 'ReferencedSOPInstanceUID') ?? '';
    await step(`Image Box ${i + 1} N-SET`, { op: 'N-SET', sopClass: SopClass.BasicGrayscaleImageBox, instance, modifications: imageBoxAttributes(i + 1, image) });
  }
  await step('Film Box N-ACTION (print)', { op: 'N-ACTION', sopClass: SopClass.BasicFilmBox, instance: filmBox, actionTypeId: 1 });
  await step('Film Session N-DELETE', { op: 'N-DELETE', sopClass: SopClass.BasicFilmSession, instance: filmSession });
  return { ...(printerStatus ? { printerStatus } : {}), ...(printerStatusInfo ? { printerStatusInfo } : {}), filmSession, filmBox, imageBoxes: film.images.length, warnings };
}

/** Film Box N-CREATE attributes (PS3.4 §H.4.2.2.1). */
function filmBoxAttributes(film: Film, filmSession: string): AttributeList {
  return {
    ImageDisplayFormat: `STANDARD\\${film.columns},${film.rows}`,
    FilmOrientation: film.orientation ?? 'PORTRAIT',
    ...(film.filmSize ? { FilmSizeID: film.filmSize } : {}),
    ReferencedFilmSessionSequence: [{ ReferencedSOPClassUID: SopClass.BasicFilmSession, ReferencedSOPInstanceUID: filmSession }],
  };
}

/** Basic Grayscale Image Box N-SET attributes (PS3.4 §H.4.3.1.2.1): the image as MONOCHROME2, 8 bits stored. */
function imageBoxAttributes(position: number, image: Film['images'][number]): AttributeList {
  return {
    ImageBoxPosition: position,
    BasicGrayscaleImageSequence: [{
      SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', Rows: image.height, Columns: image.width, PixelAspectRatio: '1\\1',
      BitsAllocated: 8, BitsStored: 8, HighBit: 7, PixelRepresentation: 0, PixelData: image.data,
    }],
  };
}

/** Event Type IDs of the Printer SOP Class (PS3.4 Table H.4.11-1). */
const PRINTER_EVENTS: Readonly<Record<number, string>> = { 1: 'NORMAL', 2: 'WARNING', 3: 'FAILURE' };

/** The text of a Printer N-EVENT-REPORT, for the job's warnings. */
export function describePrinterEvent(eventTypeId: number | undefined, info: AttributeList | undefined): string {
  const detail = info ? [textOf(info, 'PrinterStatusInfo'), textOf(info, 'PrinterName')].filter(Boolean).join(', ') : '';
  return `printer event ${PRINTER_EVENTS[eventTypeId ?? 0] ?? `type ${eventTypeId ?? '?'}`}${detail ? `: ${detail}` : ''}`;
}
