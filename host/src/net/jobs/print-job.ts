import { SopClass, type Disposable } from '@atrium/sdk';
import { AtriumError } from '../../errors/atrium-error.js';
import { NEventReportStatus } from '../../errors/dimse-statuses.js';
import type { JobRunner } from '../../jobs/job-runner.js';
import type { NetworkConfig, RemoteAe } from '../config/index.js';
import { decodeAttributes } from '../dimse/attribute-list.js';
import { CommandField } from '../dimse/dimse-command.js';
import { openScu, type ScuSettings } from '../scu/open-scu.js';
import { describePrinterEvent, printContexts, printFilm, type PrintedFilm, type PrintImage } from '../scu/print-scu.js';
import { DEFAULT_PRINTER_PROFILE, type PrinterProfile } from '../config/printer-profile.js';

/** Job type of `atrium print`. */
export const PrintJob = 'net.print';

/** What to print: stored UIDs on films of `columns` × `rows`. */
export interface PrintPayload {
  readonly ae: string;
  readonly uids: readonly string[];
  readonly columns: number;
  readonly rows: number;
  readonly filmSize?: string;
  readonly orientation?: 'PORTRAIT' | 'LANDSCAPE';
  readonly copies: number;
  /** Basic Color Print Management (RGB image boxes) instead of Basic Grayscale. */
  readonly color?: boolean;
  /** VOI window centre and width (absent: each image's own, else its min/max). */
  readonly window?: { readonly center: number; readonly width: number };
}
export interface PrintResult { readonly ae: string; readonly films: readonly PrintedFilm[] }

/** One image of a print: as rendered, with the patient's label burned in, and the label's text (name, ID, study date). */
export interface ImageForPrint { readonly image: PrintImage; readonly labelled: PrintImage; readonly label: string }

/** How the images of a print are rendered: window, the printer's matrix and depth, colour. */
export interface PrintRendering { readonly window?: PrintPayload['window']; readonly matrix: number; readonly bits: 8 | 12; readonly color: boolean }

/** The images of a print, rendered by the render subsystem (windowed, scaled to the printer's matrix), each also with its label burned in. */
export type RenderForPrint = (uids: readonly string[], options: PrintRendering) => Promise<readonly ImageForPrint[]>;

/** What the print job uses. */
export interface PrintJobDeps {
  readonly config: () => NetworkConfig;
  readonly scu: (c: NetworkConfig) => ScuSettings;
  readonly remote: (name: string) => RemoteAe;
  readonly render: RenderForPrint;
  /** The printer's profile (matrix, bits, annotation) from the AE table's printer settings. */
  readonly profile?: (title: string) => PrinterProfile;
}

/**
 * Registers the Print SCU job (Shimadzu SCORE 3D §3, Canon GCA-9300R and Shimadzu DAR-9500f
 * conformance statements, Print): the images in films of the layout, one association per
 * film, at the printer's matrix and depth, grayscale or colour; the patient identified by a
 * Basic Annotation Box when the printer has an Annotation Display Format ID and accepts that
 * SOP class, else by text burned into each image; Printer N-EVENT-REPORTs answered and kept
 * as warnings. A failed attempt is retried up to 5 times (GCA-9300R: `printRetries`); films
 * printed before the failure are printed again.
 */
export function registerPrintJob(runner: JobRunner, deps: PrintJobDeps): Disposable {
  return runner.register<PrintPayload, PrintResult>(PrintJob, async (job, ctx) => {
    const p = job.payload;
    const ae = deps.remote(p.ae);
    const profile = deps.profile?.(ae.title) ?? DEFAULT_PRINTER_PROFILE;
    const config = deps.config();
    const images = await deps.render(p.uids, { matrix: profile.matrix ?? config.printMatrix, bits: profile.bits, color: p.color === true, ...(p.window ? { window: p.window } : {}) });
    if (images.length === 0) throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', `Nothing to print: ${p.uids.join(', ')} name no images`, { uids: p.uids });
    const perFilm = p.columns * p.rows;
    const films: PrintedFilm[] = [];
    for (let at = 0; at < images.length; at += perFilm) {
      ctx.progress(at / images.length, `film ${films.length + 1} of ${Math.ceil(images.length / perFilm)}`);
      const warnings: string[] = [];
      const wantsAnnotation = profile.label && profile.annotationFormat !== undefined;
      const session = await openScu(deps.scu(deps.config()), ae, printContexts(p.color === true, wantsAnnotation), {
        handlers: {
          [CommandField.NEventReportRq]: async (request, responder) => {
            warnings.push(describePrinterEvent(request.command.EventTypeID, request.dataset ? decodeAttributes(request.dataset, request.context.transferSyntax) : undefined));
            await responder.respond({ Status: NEventReportStatus.Success.code });
          },
        },
      });
      try {
        const filmImages = images.slice(at, at + perFilm);
        const annotate = wantsAnnotation && session.connection.association.contextFor(SopClass.BasicAnnotationBox) !== undefined;
        const boxes = filmImages.map((i) => (profile.label && !annotate ? i.labelled : i.image));
        films.push(await printFilm(session.connection, {
          columns: p.columns, rows: p.rows, copies: p.copies, images: boxes, color: p.color === true,
          ...(annotate ? { annotation: { format: profile.annotationFormat!, text: filmImages[0]!.label } } : {}),
          ...(p.filmSize ? { filmSize: p.filmSize } : {}), ...(p.orientation ? { orientation: p.orientation } : {}),
        }, warnings));
      } finally {
        await session.close().catch(() => undefined);
      }
    }
    return { ae: ae.title, films };
  });
}
