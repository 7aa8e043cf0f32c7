import { SopClass } from '@atrium/sdk';
import { NActionStatus, NCreateStatus, NDeleteStatus, NGetStatus, NSetStatus } from '../../errors/dimse-statuses.js';
import { decodeAttributes, encodeAttributes, itemsOf, textOf, type AttributeList } from '../dimse/attribute-list.js';
import { CommandField } from '../dimse/dimse-command.js';
import type { DimseConnection, IncomingRequest, Responder } from '../dimse/dimse-connection.js';
import { DicomServer } from '../scp/dicom-server.js';
import { PRINTER_INSTANCE } from '../scu/print-scu.js';
import { UNCOMPRESSED_SYNTAXES } from '../syntaxes.js';
import { uuidUid } from '../uuid-uid.js';

/** One image box as the double kept it. */
export interface DoubleImageBox {
  readonly position: number;
  readonly sopClass: string;
  readonly rows: number;
  readonly columns: number;
  readonly samplesPerPixel: number;
  readonly photometric: string;
  readonly bitsStored: number;
  readonly pixels: Uint8Array;
}

/** One film the double printed (at N-ACTION print). */
export interface DoubleFilm {
  readonly meta: string;
  readonly copies: string;
  readonly format: string;
  readonly orientation: string;
  readonly filmSize: string;
  readonly boxes: readonly DoubleImageBox[];
  readonly annotations: readonly string[];
}

/** Options of {@link printScpDouble}. */
export interface PrintScpDoubleOptions {
  /** The meta SOP classes it accepts (default both, grayscale and colour). */
  readonly metas?: readonly string[];
  /** Accept Basic Annotation Box; Film Boxes with an Annotation Display Format ID get 2 annotation boxes. */
  readonly annotation?: boolean;
  /** Answer the first `failPrints` Film Box N-ACTIONs with C602 (print queue full). */
  readonly failPrints?: number;
  /** After a successful print, send a Printer N-EVENT-REPORT of this Event Type ID (1 NORMAL, 2 WARNING, 3 FAILURE). */
  readonly eventAfterPrint?: 1 | 2 | 3;
}

/** A running double. */
export interface PrintScpDouble {
  readonly port: number;
  readonly films: DoubleFilm[];
  /** Every refusal, as `operation: status comment`. */
  readonly refusals: string[];
  /** Print N-ACTIONs received (failed ones included). */
  readonly printRequests: () => number;
  close(): Promise<void>;
}

interface FilmBox { readonly attributes: AttributeList; readonly imageBoxes: string[]; readonly annotationBoxes: string[] }
interface Session { readonly uid: string; readonly copies: string; readonly filmBoxes: Map<string, FilmBox> }
interface AssociationState { session?: Session; readonly images: Map<string, { filmBox: string; position: number; sopClass: string; box?: DoubleImageBox }>; readonly annotations: Map<string, { filmBox: string; text?: string }> }

const IMAGE_BOX_OF: Readonly<Record<string, string>> = {
  [SopClass.BasicGrayscalePrintManagementMeta]: SopClass.BasicGrayscaleImageBox,
  [SopClass.BasicColorPrintManagementMeta]: SopClass.BasicColorImageBox,
};

/**
 * A Print SCP for tests, on Atrium's own Upper Layer and DIMSE, that keeps the state rules of
 * PS3.4 Annex H: one Film Session per association (§H.4.1), a Film Box only within the film
 * session it references (§H.4.2.2.1), Image Boxes only those its Film Box created, of the
 * meta SOP class negotiated (Basic Grayscale: MONOCHROME1/2 of 8 or 12 bits; Basic Color: RGB
 * of 8 bits) with Pixel Data of the size the module says (§H.4.3), Film Box N-ACTION print
 * (§H.4.2.2.4; an empty film: warning B603), N-DELETE of the session deleting its boxes
 * (§H.4.1.2.3). Refusals use the DIMSE-N statuses of PS3.7 Annex C. What it printed is kept.
 */
export async function printScpDouble(options: PrintScpDoubleOptions = {}): Promise<PrintScpDouble> {
  const films: DoubleFilm[] = [];
  const refusals: string[] = [];
  const states = new WeakMap<DimseConnection, AssociationState>();
  let prints = 0;
  const state = (r: Responder): AssociationState => {
    let s = states.get(r.connection);
    if (!s) states.set(r.connection, (s = { images: new Map(), annotations: new Map() }));
    return s;
  };
  const refuse = async (r: Responder, what: string, status: number, comment: string): Promise<void> => {
    refusals.push(`${what}: ${status.toString(16).toUpperCase().padStart(4, '0')} ${comment}`);
    await r.respond({ Status: status, ErrorComment: comment.slice(0, 64) });
  };
  const attributes = (q: IncomingRequest): AttributeList => (q.dataset ? decodeAttributes(q.dataset, q.context.transferSyntax) : {});
  const reply = (q: IncomingRequest, list: AttributeList): Uint8Array => encodeAttributes(list, q.context.transferSyntax);
  const metas = options.metas ?? [SopClass.BasicGrayscalePrintManagementMeta, SopClass.BasicColorPrintManagementMeta];
  const syntaxes = new Map<string, Set<string>>(metas.map((m) => [m, new Set(UNCOMPRESSED_SYNTAXES)]));
  if (options.annotation) syntaxes.set(SopClass.BasicAnnotationBox, new Set(UNCOMPRESSED_SYNTAXES));

  const handlers = {
    [CommandField.NGetRq]: async (q: IncomingRequest, r: Responder) => {
      if (q.command.RequestedSOPClassUID !== SopClass.Printer || q.command.RequestedSOPInstanceUID !== PRINTER_INSTANCE) return refuse(r, 'N-GET', NGetStatus.NoSuchSopInstance.code, 'only the Printer instance');
      await r.respond({ Status: NGetStatus.Success.code }, reply(q, { PrinterStatus: 'NORMAL', PrinterStatusInfo: 'NORMAL', PrinterName: 'PRINT DOUBLE' }));
    },
    [CommandField.NCreateRq]: async (q: IncomingRequest, r: Responder) => {
      const s = state(r);
      const a = attributes(q);
      if (q.command.AffectedSOPClassUID === SopClass.BasicFilmSession) {
        if (s.session) return refuse(r, 'Film Session N-CREATE', NCreateStatus.ResourceLimitation.code, 'one film session per association');
        s.session = { uid: q.command.AffectedSOPInstanceUID ?? uuidUid(), copies: textOf(a, 'NumberOfCopies') ?? '1', filmBoxes: new Map() };
        return r.respond({ Status: NCreateStatus.Success.code, AffectedSOPInstanceUID: s.session.uid }, reply(q, a));
      }
      if (q.command.AffectedSOPClassUID !== SopClass.BasicFilmBox) return refuse(r, 'N-CREATE', NCreateStatus.NoSuchSopClass.code, `cannot create ${q.command.AffectedSOPClassUID ?? '?'}`);
      const ref = textOf(itemsOf(a, 'ReferencedFilmSessionSequence')[0] ?? {}, 'ReferencedSOPInstanceUID');
      if (!s.session || ref !== s.session.uid) return refuse(r, 'Film Box N-CREATE', NCreateStatus.InvalidAttributeValue.code, 'no film session of this association referenced');
      const m = /^STANDARD\\([1-9]\d*),([1-9]\d*)$/.exec(textOf(a, 'ImageDisplayFormat') ?? '');
      if (!m) return refuse(r, 'Film Box N-CREATE', NCreateStatus.InvalidAttributeValue.code, 'Image Display Format is not STANDARD\\C,R');
      const uid = uuidUid();
      const box: FilmBox = { attributes: a, imageBoxes: [], annotationBoxes: [] };
      const imageClass = IMAGE_BOX_OF[q.context.abstractSyntax]!;
      for (let i = 1; i <= Number(m[1]) * Number(m[2]); i++) {
        const image = uuidUid();
        box.imageBoxes.push(image);
        s.images.set(image, { filmBox: uid, position: i, sopClass: imageClass });
      }
      if (options.annotation && textOf(a, 'AnnotationDisplayFormatID')) {
        for (let i = 0; i < 2; i++) {
          const annotation = uuidUid();
          box.annotationBoxes.push(annotation);
          s.annotations.set(annotation, { filmBox: uid });
        }
      }
      s.session.filmBoxes.set(uid, box);
      await r.respond({ Status: NCreateStatus.Success.code, AffectedSOPInstanceUID: uid }, reply(q, {
        ...a,
        ReferencedImageBoxSequence: box.imageBoxes.map((u) => ({ ReferencedSOPClassUID: imageClass, ReferencedSOPInstanceUID: u })),
        ...(box.annotationBoxes.length > 0 ? { ReferencedBasicAnnotationBoxSequence: box.annotationBoxes.map((u) => ({ ReferencedSOPClassUID: SopClass.BasicAnnotationBox, ReferencedSOPInstanceUID: u })) } : {}),
      }));
    },
    [CommandField.NSetRq]: async (q: IncomingRequest, r: Responder) => {
      const s = state(r);
      const uid = q.command.RequestedSOPInstanceUID ?? '';
      const a = attributes(q);
      if (q.command.RequestedSOPClassUID === SopClass.BasicAnnotationBox) {
        const annotation = s.annotations.get(uid);
        if (!annotation) return refuse(r, 'Annotation Box N-SET', NSetStatus.NoSuchSopInstance.code, 'no such annotation box');
        annotation.text = textOf(a, 'TextString') ?? '';
        return r.respond({ Status: NSetStatus.Success.code });
      }
      const image = s.images.get(uid);
      if (!image) return refuse(r, 'Image Box N-SET', NSetStatus.NoSuchSopInstance.code, 'no image box of a film box of this association');
      if (q.command.RequestedSOPClassUID !== image.sopClass) return refuse(r, 'Image Box N-SET', NSetStatus.ClassInstanceConflict.code, `the box is a ${image.sopClass} of the negotiated meta SOP class`);
      const problem = imageProblem(a, image.sopClass, image.position);
      if (typeof problem === 'string') return refuse(r, 'Image Box N-SET', NSetStatus.InvalidAttributeValue.code, problem);
      image.box = problem;
      await r.respond({ Status: NSetStatus.Success.code });
    },
    [CommandField.NActionRq]: async (q: IncomingRequest, r: Responder) => {
      const s = state(r);
      const uid = q.command.RequestedSOPInstanceUID ?? '';
      const box = s.session?.filmBoxes.get(uid);
      if (q.command.RequestedSOPClassUID !== SopClass.BasicFilmBox || !box) return refuse(r, 'N-ACTION', NActionStatus.NoSuchSopInstance.code, 'no such film box');
      if (q.command.ActionTypeID !== 1) return refuse(r, 'N-ACTION', NActionStatus.NoSuchActionType.code, 'a film box knows action 1 (print)');
      prints++;
      if (prints <= (options.failPrints ?? 0)) return refuse(r, 'Film Box N-ACTION', 0xc602, 'print queue is full');
      const boxes = box.imageBoxes.flatMap((b) => s.images.get(b)?.box ?? []);
      films.push({
        meta: q.context.abstractSyntax, copies: s.session!.copies, boxes,
        format: textOf(box.attributes, 'ImageDisplayFormat') ?? '', orientation: textOf(box.attributes, 'FilmOrientation') ?? '', filmSize: textOf(box.attributes, 'FilmSizeID') ?? '',
        annotations: box.annotationBoxes.flatMap((b) => s.annotations.get(b)?.text ?? []),
      });
      // B603: Film Box SOP Instance hierarchy does not contain Image Box SOP Instances (empty page), PS3.4 §H.4.2.2.4.
      await r.respond({ Status: boxes.length === 0 ? 0xb603 : NActionStatus.Success.code });
      if (options.eventAfterPrint) {
        await r.connection.requestOnce(q.context.id, { CommandField: CommandField.NEventReportRq, AffectedSOPClassUID: SopClass.Printer, AffectedSOPInstanceUID: PRINTER_INSTANCE, EventTypeID: options.eventAfterPrint },
          encodeAttributes({ PrinterStatusInfo: options.eventAfterPrint === 1 ? 'NORMAL' : 'FILM TRANSP ERR', PrinterName: 'PRINT DOUBLE' }, q.context.transferSyntax)).catch(() => undefined);
      }
    },
    [CommandField.NDeleteRq]: async (q: IncomingRequest, r: Responder) => {
      const s = state(r);
      const uid = q.command.RequestedSOPInstanceUID ?? '';
      if (q.command.RequestedSOPClassUID === SopClass.BasicFilmSession && s.session?.uid === uid) {
        for (const [box, { imageBoxes, annotationBoxes }] of s.session.filmBoxes) {
          imageBoxes.forEach((b) => s.images.delete(b));
          annotationBoxes.forEach((b) => s.annotations.delete(b));
          s.session.filmBoxes.delete(box);
        }
        delete s.session;
        return r.respond({ Status: NDeleteStatus.Success.code });
      }
      if (q.command.RequestedSOPClassUID === SopClass.BasicFilmBox && s.session?.filmBoxes.delete(uid)) return r.respond({ Status: NDeleteStatus.Success.code });
      await refuse(r, 'N-DELETE', NDeleteStatus.NoSuchSopInstance.code, 'no such film session or film box');
    },
  };
  const server = new DicomServer({
    aeTitle: 'PRINTDOUBLE', port: 0, bindAddress: '127.0.0.1', maxPduLength: 65536, associationTimeoutMs: 5000, idleTimeoutMs: 20_000, maxAssociations: 4,
    acceptUnknownCallingAe: true, acceptUnknownHosts: true, acceptUnknownQueryRetrieve: false,
    services: [{ syntaxes, handlers }],
  });
  const port = await server.listen();
  return { port, films, refusals, printRequests: () => prints, close: () => server.close(1000) };
}

/** The image box's pixels, or why its Image Box Pixel Presentation module is wrong (PS3.3 §C.13.5). */
function imageProblem(a: AttributeList, sopClass: string, position: number): DoubleImageBox | string {
  const color = sopClass === SopClass.BasicColorImageBox;
  const item = itemsOf(a, color ? 'BasicColorImageSequence' : 'BasicGrayscaleImageSequence')[0];
  if (!item) return `no ${color ? 'Basic Color' : 'Basic Grayscale'} Image Sequence`;
  if (Number(a.ImageBoxPosition) !== position) return `Image Box Position ${String(a.ImageBoxPosition)} is not the box's ${position}`;
  const n = (k: string): number => Number(item[k]);
  const photometric = textOf(item, 'PhotometricInterpretation') ?? '';
  const pixels = item.PixelData instanceof Uint8Array ? item.PixelData : new Uint8Array(0);
  if (color && (n('SamplesPerPixel') !== 3 || photometric !== 'RGB' || n('BitsAllocated') !== 8 || n('BitsStored') !== 8 || n('PlanarConfiguration') !== 0)) return 'a colour box takes RGB, 8 bits, colour-by-pixel';
  if (!color && (n('SamplesPerPixel') !== 1 || !['MONOCHROME1', 'MONOCHROME2'].includes(photometric) || !((n('BitsAllocated') === 8 && n('BitsStored') === 8) || (n('BitsAllocated') === 16 && n('BitsStored') === 12)))) return 'a grayscale box takes MONOCHROME1/2 of 8 or 12 bits';
  const size = n('Rows') * n('Columns') * n('SamplesPerPixel') * (n('BitsAllocated') / 8);
  if (!(size > 0) || (pixels.length !== size && pixels.length !== size + 1)) return `Pixel Data of ${pixels.length} bytes for ${n('Rows')}x${n('Columns')}`;
  return { position, sopClass, rows: n('Rows'), columns: n('Columns'), samplesPerPixel: n('SamplesPerPixel'), photometric, bitsStored: n('BitsStored'), pixels: pixels.subarray(0, size) };
}
