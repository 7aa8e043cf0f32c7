import type { Disposable } from '@atrium/sdk';
import { AtriumError } from '../../errors/atrium-error.js';
import { NEventReportStatus } from '../../errors/dimse-statuses.js';
import type { JobRunner } from '../../jobs/job-runner.js';
import type { NetworkConfig, RemoteAe } from '../config/index.js';
import { decodeAttributes } from '../dimse/attribute-list.js';
import { CommandField } from '../dimse/dimse-command.js';
import { openScu, type ScuSettings } from '../scu/open-scu.js';
import { describePrinterEvent, GRAYSCALE_PRINT_CONTEXT, printFilm, type Film, type PrintedFilm } from '../scu/print-scu.js';

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
  /** VOI window centre and width (absent: each image's own, else its min/max). */
  readonly window?: { readonly center: number; readonly width: number };
}
export interface PrintResult { readonly ae: string; readonly films: readonly PrintedFilm[] }

/** The images of a print, rendered by the render subsystem (greyscale, windowed, scaled to the print matrix). */
export type RenderForPrint = (uids: readonly string[], window: PrintPayload['window']) => Promise<readonly Film['images'][number][]>;

/** What the print job uses. */
export interface PrintJobDeps {
  readonly config: () => NetworkConfig;
  readonly scu: (c: NetworkConfig) => ScuSettings;
  readonly remote: (name: string) => RemoteAe;
  readonly render: RenderForPrint;
}

/**
 * Registers the Print SCU job (Shimadzu SCORE 3D §3, Canon GCA-9300R and Shimadzu DAR-9500f
 * conformance statements, Print): the images in films of the layout, one association per
 * film, Printer N-EVENT-REPORTs answered and kept as warnings. A failed attempt is retried
 * up to 5 times (GCA-9300R: `printRetries`); films printed before the failure are printed again.
 */
export function registerPrintJob(runner: JobRunner, deps: PrintJobDeps): Disposable {
  return runner.register<PrintPayload, PrintResult>(PrintJob, async (job, ctx) => {
    const p = job.payload;
    const ae = deps.remote(p.ae);
    const images = await deps.render(p.uids, p.window);
    if (images.length === 0) throw new AtriumError('ATRIUM_ERR_NET_BAD_REQUEST', `Nothing to print: ${p.uids.join(', ')} name no images`, { uids: p.uids });
    const perFilm = p.columns * p.rows;
    const films: PrintedFilm[] = [];
    for (let at = 0; at < images.length; at += perFilm) {
      ctx.progress(at / images.length, `film ${films.length + 1} of ${Math.ceil(images.length / perFilm)}`);
      const warnings: string[] = [];
      const session = await openScu(deps.scu(deps.config()), ae, [GRAYSCALE_PRINT_CONTEXT], {
        handlers: {
          [CommandField.NEventReportRq]: async (request, responder) => {
            warnings.push(describePrinterEvent(request.command.EventTypeID, request.dataset ? decodeAttributes(request.dataset, request.context.transferSyntax) : undefined));
            await responder.respond({ Status: NEventReportStatus.Success.code });
          },
        },
      });
      try {
        films.push(await printFilm(session.connection, { columns: p.columns, rows: p.rows, copies: p.copies, images: images.slice(at, at + perFilm), ...(p.filmSize ? { filmSize: p.filmSize } : {}), ...(p.orientation ? { orientation: p.orientation } : {}) }, warnings));
      } finally {
        await session.close().catch(() => undefined);
      }
    }
    return { ae: ae.title, films };
  });
}
