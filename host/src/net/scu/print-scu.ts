import { SopClass } from '@atrium/sdk';
import { AtriumError } from '../../errors/atrium-error.js';
import { isOutOfResources, statusCategory } from '../../errors/dimse-statuses.js';
import { itemsOf, textOf, type AttributeList } from '../dimse/attribute-list.js';
import type { DimseConnection } from '../dimse/dimse-connection.js';
import { normalizedRequest, requireSuccess, type NormalizedRequest, type NormalizedResponse } from '../dimse/normalized-request.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import type { ContextProposal } from '../ul/request-association.js';
import type { PrintImage } from '../../core/print-image.js';

export type { PrintImage };

/** The well-known Printer SOP Instance (PS3.4 §H.4.11.1, PS3.6 Annex A). */
export const PRINTER_INSTANCE = '1.2.840.10008.5.1.1.17';

const SYNTAXES = [UNCOMPRESSED_SYNTAXES[0]!, UNCOMPRESSED_SYNTAXES[1]!];
/** The Basic Grayscale Print Management Meta SOP Class context (PS3.4 §H.3.1). */
export const GRAYSCALE_PRINT_CONTEXT: ContextProposal = { abstractSyntax: SopClass.BasicGrayscalePrintManagementMeta, transferSyntaxes: SYNTAXES };
/** The Basic Color Print Management Meta SOP Class context (PS3.4 §H.3.2). */
export const COLOR_PRINT_CONTEXT: ContextProposal = { abstractSyntax: SopClass.BasicColorPrintManagementMeta, transferSyntaxes: SYNTAXES };
/** The Basic Annotation Box SOP Class context (PS3.4 §H.4.5), proposed when the printer has an Annotation Display Format ID. */
export const ANNOTATION_CONTEXT: ContextProposal = { abstractSyntax: SopClass.BasicAnnotationBox, transferSyntaxes: SYNTAXES };

/** The contexts a print proposes. */
export const printContexts = (color: boolean, annotation: boolean): ContextProposal[] => [color ? COLOR_PRINT_CONTEXT : GRAYSCALE_PRINT_CONTEXT, ...(annotation ? [ANNOTATION_CONTEXT] : [])];


/** One film to print: its layout and the images of its boxes. */
export interface Film {
  readonly columns: number;
  readonly rows: number;
  /** Film Size ID (2010,0050), e.g. 14INX17IN. */
  readonly filmSize?: string;
  readonly orientation?: 'PORTRAIT' | 'LANDSCAPE';
  readonly copies: number;
  /** Basic Color Print Management: every image RGB. */
  readonly color?: boolean;
  readonly images: readonly PrintImage[];
  /**
   * The patient's label in a Basic Annotation Box (Annotation Display Format ID `format`, the
   * text in the box at position 1), used when the printer accepted that SOP class.
   */
  readonly annotation?: { readonly format: string; readonly text: string };
}

/** What a printed film gave. */
export interface PrintedFilm {
  readonly printerStatus?: string;
  readonly printerStatusInfo?: string;
  readonly filmSession: string;
  readonly filmBox: string;
  readonly imageBoxes: number;
  /** The label went into a Basic Annotation Box. */
  readonly annotated: boolean;
  /** Warnings answered (status Bxxx) and printer events received, as text. */
  readonly warnings: readonly string[];
}

/** Print failures worth retrying (Canon GCA-9300R conformance statement, Print: up to 5 retries): A7xx, 0213, C6xx film / printer states, 0110. */
const retryable = (status: number): boolean => isOutOfResources(status) || status === 0x0213 || status === 0x0110 || (status & 0xff00) === 0xc600;

/**
 * Prints one film on an open association with the Basic Grayscale or Basic Color Print
 * Management Meta SOP Class (PS3.4 Annex H): Printer N-GET (status), Film Session N-CREATE
 * (copies), Film Box N-CREATE (STANDARD\c,r, orientation, film size; the Annotation Display
 * Format ID when the label goes into an annotation box), one Image Box N-SET per image
 * (Basic Grayscale: MONOCHROME2 of 8 or 12 bits; Basic Color: RGB of 8 bits), the Basic
 * Annotation Box N-SET with the label, Film Box N-ACTION (print), Film Session N-DELETE.
 * Printer N-EVENT-REPORTs are answered by the connection's handler (the print job's, with
 * {@link describePrinterEvent}).
 * @throws AtriumError `ATRIUM_ERR_NET_NO_CONTEXT` when the peer did not accept the meta SOP
 *   class; `ATRIUM_ERR_NET_REMOTE_FAILED` naming the step and status (retryable as above),
 *   also when the printer reports FAILURE.
 */
export async function printFilm(connection: DimseConnection, film: Film, warnings: string[] = []): Promise<PrintedFilm> {
  const meta = film.color ? SopClass.BasicColorPrintManagementMeta : SopClass.BasicGrayscalePrintManagementMeta;
  const context = connection.association.contextFor(meta);
  const peer = connection.association.calledAeTitle;
  if (!context) throw new AtriumError('ATRIUM_ERR_NET_NO_CONTEXT', `${peer} did not accept the ${film.color ? 'Basic Color' : 'Basic Grayscale'} Print Management Meta SOP Class: it is not a ${film.color ? 'colour' : 'grayscale'} print SCP`, { ae: peer });
  const annotationContext = film.annotation ? connection.association.contextFor(SopClass.BasicAnnotationBox) : undefined;
  const step = async (what: string, request: NormalizedRequest, on = context): Promise<NormalizedResponse> => {
    const r = requireSuccess(await normalizedRequest(connection, on, request), `${what} at ${peer}`, retryable);
    if (statusCategory(r.status) === 'warning') warnings.push(`${what}: warning ${r.status.toString(16).toUpperCase().padStart(4, '0')}${r.command.ErrorComment ? ` ${r.command.ErrorComment}` : ''}`);
    return r;
  };
  const printer = await step('Printer N-GET', { op: 'N-GET', sopClass: SopClass.Printer, instance: PRINTER_INSTANCE, attributes: [] });
  const printerStatus = printer.attributes ? textOf(printer.attributes, 'PrinterStatus') : undefined;
  const printerStatusInfo = printer.attributes ? textOf(printer.attributes, 'PrinterStatusInfo') : undefined;
  if (printerStatus === 'FAILURE') throw new AtriumError('ATRIUM_ERR_NET_REMOTE_FAILED', `Printer ${peer} reports FAILURE${printerStatusInfo ? ` (${printerStatusInfo})` : ''}`, { printerStatus, retryable: true });
  const session = await step('Film Session N-CREATE', { op: 'N-CREATE', sopClass: SopClass.BasicFilmSession, attributes: { NumberOfCopies: String(film.copies) } });
  const filmSession = session.command.AffectedSOPInstanceUID ?? '';
  const annotationFormat = annotationContext ? film.annotation?.format : undefined;
  const box = await step(`Film Box N-CREATE (Image Display Format STANDARD\\${film.columns},${film.rows}${film.filmSize ? `, Film Size ID ${film.filmSize}` : ''}${film.orientation ? `, ${film.orientation}` : ''})`, { op: 'N-CREATE', sopClass: SopClass.BasicFilmBox, attributes: filmBoxAttributes(film, filmSession, annotationFormat) });
  const filmBox = box.command.AffectedSOPInstanceUID ?? '';
  const boxes = itemsOf(box.attributes ?? {}, 'ReferencedImageBoxSequence');
  if (boxes.length < film.images.length) throw new AtriumError('ATRIUM_ERR_NET_REMOTE_FAILED', `${peer} created ${boxes.length} image boxes for a ${film.columns},${film.rows} film of ${film.images.length} images`, { retryable: false });
  for (const [i, image] of film.images.entries()) {
    const instance = textOf(boxes[i]!, 'ReferencedSOPInstanceUID') ?? '';
    const sopClass = film.color ? SopClass.BasicColorImageBox : SopClass.BasicGrayscaleImageBox;
    await step(`Image Box ${i + 1} N-SET`, { op: 'N-SET', sopClass, instance, modifications: imageBoxAttributes(i + 1, image, film.color === true) });
  }
  const annotations = itemsOf(box.attributes ?? {}, 'ReferencedBasicAnnotationBoxSequence');
  const annotated = annotationContext !== undefined && annotations.length > 0 && film.annotation !== undefined;
  if (annotationContext && !annotated) warnings.push('the printer created no annotation box: the film has no patient label');
  if (annotated) {
    const instance = textOf(annotations[0]!, 'ReferencedSOPInstanceUID') ?? '';
    await step('Annotation Box N-SET', { op: 'N-SET', sopClass: SopClass.BasicAnnotationBox, instance, modifications: { AnnotationPosition: 1, TextString: film.annotation!.text.slice(0, 64) } }, annotationContext);
  }
  await step('Film Box N-ACTION (print)', { op: 'N-ACTION', sopClass: SopClass.BasicFilmBox, instance: filmBox, actionTypeId: 1 });
  await step('Film Session N-DELETE', { op: 'N-DELETE', sopClass: SopClass.BasicFilmSession, instance: filmSession });
  return { ...(printerStatus ? { printerStatus } : {}), ...(printerStatusInfo ? { printerStatusInfo } : {}), filmSession, filmBox, imageBoxes: film.images.length, annotated, warnings };
}

/** Film Box N-CREATE attributes (PS3.4 §H.4.2.2.1). */
function filmBoxAttributes(film: Film, filmSession: string, annotationFormat: string | undefined): AttributeList {
  return {
    ImageDisplayFormat: `STANDARD\\${film.columns},${film.rows}`,
    FilmOrientation: film.orientation ?? 'PORTRAIT',
    ...(film.filmSize ? { FilmSizeID: film.filmSize } : {}),
    ...(annotationFormat ? { AnnotationDisplayFormatID: annotationFormat } : {}),
    ReferencedFilmSessionSequence: [{ ReferencedSOPClassUID: SopClass.BasicFilmSession, ReferencedSOPInstanceUID: filmSession }],
  };
}

/** Pixel Data bytes of an image: 8-bit samples as they are, 12-bit in 16-bit little-endian words (the contexts are little endian). */
function pixelBytes(image: PrintImage): Uint8Array {
  if (image.data instanceof Uint8Array) return image.data;
  const bytes = new Uint8Array(image.data.length * 2);
  image.data.forEach((v, i) => {
    bytes[2 * i] = v & 0xff;
    bytes[2 * i + 1] = v >> 8;
  });
  return bytes;
}

/**
 * Image Box N-SET attributes: Basic Grayscale (PS3.4 §H.4.3.1.2.1: MONOCHROME2, 8 bits, or
 * 12 bits stored in 16) or Basic Color (§H.4.3.2.2.1: RGB, 8 bits, colour-by-pixel).
 */
function imageBoxAttributes(position: number, image: PrintImage, color: boolean): AttributeList {
  const common = { Rows: image.height, Columns: image.width, PixelAspectRatio: '1\\1', PixelRepresentation: 0, PixelData: pixelBytes(image) };
  if (color) {
    if (image.channels !== 3) throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', `Image ${position} of a colour film is not RGB`, { position });
    return { ImageBoxPosition: position, BasicColorImageSequence: [{ SamplesPerPixel: 3, PhotometricInterpretation: 'RGB', PlanarConfiguration: 0, BitsAllocated: 8, BitsStored: 8, HighBit: 7, ...common }] };
  }
  const bits = image.bits === 12 ? { BitsAllocated: 16, BitsStored: 12, HighBit: 11 } : { BitsAllocated: 8, BitsStored: 8, HighBit: 7 };
  return { ImageBoxPosition: position, BasicGrayscaleImageSequence: [{ SamplesPerPixel: 1, PhotometricInterpretation: 'MONOCHROME2', ...bits, ...common }] };
}

/** Event Type IDs of the Printer SOP Class (PS3.4 Table H.4.11-1). */
const PRINTER_EVENTS: Readonly<Record<number, string>> = { 1: 'NORMAL', 2: 'WARNING', 3: 'FAILURE' };

/** The text of a Printer N-EVENT-REPORT, for the job's warnings. */
export function describePrinterEvent(eventTypeId: number | undefined, info: AttributeList | undefined): string {
  const detail = info ? [textOf(info, 'PrinterStatusInfo'), textOf(info, 'PrinterName')].filter(Boolean).join(', ') : '';
  return `printer event ${PRINTER_EVENTS[eventTypeId ?? 0] ?? `type ${eventTypeId ?? '?'}`}${detail ? `: ${detail}` : ''}`;
}
