/**
 * The Print SCU job against a Print SCP test double that keeps the state rules of PS3.4
 * Annex H (DCMTK's dcmprscp prints grayscale only): colour films (Basic Color Print
 * Management, RGB image boxes), the patient's label in a Basic Annotation Box or burned in,
 * 12-bit grayscale, Printer N-EVENT-REPORTs kept as warnings, a failed print retried up to 5
 * times (Canon GCA-9300R conformance statement, Print), and the double's own refusals.
 */
import { SopClass } from '@atrium/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import type { HostDatabase } from '../../db/host-database.js';
import { JobQueueImpl } from '../../jobs/job-queue-impl.js';
import { JobRunnerImpl } from '../../jobs/job-runner-impl.js';
import { DEFAULT_NETWORK_CONFIG, type NetworkConfig } from '../config/index.js';
import { DEFAULT_PRINTER_PROFILE, type PrinterProfile } from '../config/printer-profile.js';
import { normalizedRequest } from '../dimse/normalized-request.js';
import { openScu } from '../scu/open-scu.js';
import { COLOR_PRINT_CONTEXT, type PrintImage } from '../scu/print-scu.js';
import { printScpDouble, type PrintScpDouble } from '../test-support/print-scp-double.js';
import { scuSettings } from './net-jobs.js';
import { PrintJob, registerPrintJob, type PrintPayload, type PrintResult } from './print-job.js';

const LABEL = 'PRINT TEST  PRINT-1  2026-01-02';
/** An RGB image whose every pixel is different: red = x, green = y, blue = x + y. */
const rgb = (width: number, height: number): PrintImage => ({
  width, height, channels: 3, bits: 8, data: Uint8Array.from({ length: width * height * 3 }, (_, i) => {
    const p = Math.floor(i / 3);
    const [x, y] = [p % width, Math.floor(p / width)];
    return [x, y, (x + y) & 255][i % 3]!;
  }),
});
const grey12 = (width: number, height: number): PrintImage => ({ width, height, channels: 1, bits: 12, data: Uint16Array.from({ length: width * height }, (_, i) => (i * 37) % 4096) });

/** The image the render subsystem would give with the label burned in; here any other image will do: its negative. */
const negative = (image: PrintImage): PrintImage => ({ ...image, data: image.data.map((v) => (image.bits === 12 ? 4095 : 255) - v) });

let database: HostDatabase;
let queue: JobQueueImpl;
let runner: JobRunnerImpl;
let printer: PrintScpDouble | undefined;

beforeEach(() => {
  database = openDatabase(':memory:');
  queue = new JobQueueImpl(database.jobs, { retryBaseMs: 10, retryMaxMs: 40 });
  runner = new JobRunnerImpl(queue, { pollIntervalMs: 10, cancelGraceMs: 300, progressIntervalMs: 200 });
});
afterEach(async () => {
  await runner.stop();
  await printer?.close();
  printer = undefined;
  database.close();
});

/** Runs one print job of `images` on the double; `attempts` as netJobAttempts gives it (1 + printRetries). */
async function print(images: readonly PrintImage[], payload: Partial<PrintPayload>, profile: PrinterProfile = DEFAULT_PRINTER_PROFILE, attempts = 1 + DEFAULT_NETWORK_CONFIG.printRetries) {
  const config: NetworkConfig = { ...DEFAULT_NETWORK_CONFIG, aeTitle: 'ATRIUM', dimseTimeoutMs: 5000 };
  const registration = registerPrintJob(runner, {
    config: () => config, scu: scuSettings, profile: () => profile,
    remote: () => ({ title: 'PRINTDOUBLE', host: '127.0.0.1', port: printer!.port, roles: ['print'] }),
    render: async () => images.map((image) => ({ image, label: LABEL, labelled: negative(image) })),
  });
  const job = queue.enqueue({ type: PrintJob, payload: { ae: 'PRINTDOUBLE', uids: ['1.2.3'], columns: 2, rows: 1, copies: 1, ...payload }, maxAttempts: attempts });
  await runner.runUntilIdle({ waitForRetries: true });
  registration.dispose();
  return queue.get(job.id)!;
}

describe('print job against the Print SCP double', () => {
  it('prints a colour film: Basic Color Print Management, RGB image boxes with every pixel as rendered', async () => {
    printer = await printScpDouble();
    const images = [rgb(64, 48), rgb(40, 64)];
    const job = await print(images, { color: true }, { ...DEFAULT_PRINTER_PROFILE, label: false });
    expect(job.state, JSON.stringify(job.error)).toBe('completed');
    expect((job.result as PrintResult).films[0]).toMatchObject({ imageBoxes: 2, printerStatus: 'NORMAL', annotated: false });
    expect(printer.films).toHaveLength(1);
    const film = printer.films[0]!;
    expect(film).toMatchObject({ meta: SopClass.BasicColorPrintManagementMeta, format: 'STANDARD\\2,1', copies: '1' });
    expect(film.boxes.map((b) => [b.position, b.sopClass, b.photometric, b.samplesPerPixel, b.rows, b.columns])).toEqual([
      [1, SopClass.BasicColorImageBox, 'RGB', 3, 48, 64],
      [2, SopClass.BasicColorImageBox, 'RGB', 3, 64, 40],
    ]);
    expect(Buffer.from(film.boxes[0]!.pixels).equals(Buffer.from(images[0]!.data as Uint8Array))).toBe(true);
    expect(Buffer.from(film.boxes[1]!.pixels).equals(Buffer.from(images[1]!.data as Uint8Array))).toBe(true);
    expect(printer.refusals).toEqual([]);
  });

  it('puts the patient label in a Basic Annotation Box when the printer has a format and takes the SOP class, else sends the images with the label burned in', async () => {
    printer = await printScpDouble({ annotation: true });
    const image = rgb(300, 300);
    const annotated = await print([image], { color: true }, { ...DEFAULT_PRINTER_PROFILE, annotationFormat: 'LABEL' });
    expect((annotated.result as PrintResult).films[0]!.annotated).toBe(true);
    expect(printer.films[0]!.annotations).toEqual([LABEL]);
    expect(Buffer.from(printer.films[0]!.boxes[0]!.pixels).equals(Buffer.from(image.data as Uint8Array))).toBe(true); // nothing burned in
    await printer.close();

    printer = await printScpDouble(); // no Basic Annotation Box
    const burned = await print([image], { color: true }, { ...DEFAULT_PRINTER_PROFILE, annotationFormat: 'LABEL' });
    expect((burned.result as PrintResult).films[0]!.annotated).toBe(false);
    expect(printer.films[0]!.annotations).toEqual([]);
    expect(Buffer.from(printer.films[0]!.boxes[0]!.pixels).equals(Buffer.from(negative(image).data as Uint8Array))).toBe(true);
  });

  it('sends 12-bit grayscale as 16 allocated, 12 stored, little endian', async () => {
    printer = await printScpDouble({ metas: [SopClass.BasicGrayscalePrintManagementMeta] });
    const image = grey12(33, 20);
    const job = await print([image], { columns: 1 }, { ...DEFAULT_PRINTER_PROFILE, bits: 12, label: false });
    expect(job.state, JSON.stringify(job.error)).toBe('completed');
    const box = printer.films[0]!.boxes[0]!;
    expect([box.sopClass, box.photometric, box.bitsStored, box.rows, box.columns]).toEqual([SopClass.BasicGrayscaleImageBox, 'MONOCHROME2', 12, 20, 33]);
    expect([...new Uint16Array(box.pixels.buffer.slice(box.pixels.byteOffset, box.pixels.byteOffset + box.pixels.length))]).toEqual([...image.data]);
  });

  it('keeps a Printer N-EVENT-REPORT as a warning of the film', async () => {
    printer = await printScpDouble({ eventAfterPrint: 2 });
    const job = await print([rgb(8, 8)], { color: true });
    expect((job.result as PrintResult).films[0]!.warnings).toEqual(['printer event WARNING: FILM TRANSP ERR, PRINT DOUBLE']);
  });

  it('retries a failed print up to 5 times (GCA-9300R): C602 five times then printed; six times and the job fails', async () => {
    printer = await printScpDouble({ failPrints: 5 });
    const ok = await print([rgb(8, 8)], { color: true });
    expect([ok.state, ok.attempts, printer.printRequests(), printer.films.length]).toEqual(['completed', 6, 6, 1]);
    await printer.close();
    printer = await printScpDouble({ failPrints: 6 });
    const failed = await print([rgb(8, 8)], { color: true });
    expect([failed.state, failed.attempts, printer.printRequests(), printer.films.length]).toEqual(['failed', 6, 6, 0]);
    expect(failed.error?.message).toMatch(/Film Box N-ACTION \(print\) at PRINTDOUBLE failed: status C602: print queue is full/);
  });

  it('a grayscale-only printer refuses --color: the job fails naming the colour meta SOP class', async () => {
    printer = await printScpDouble({ metas: [SopClass.BasicGrayscalePrintManagementMeta] });
    const job = await print([rgb(8, 8)], { color: true });
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ code: 'ATRIUM_ERR_NET_NO_CONTEXT', message: expect.stringMatching(/accepted none of the 1 proposed presentation contexts \(Basic Color Print Management Meta SOP Class 1\.2\.840\.10008\.5\.1\.1\.18\): it does not offer this service/) });
  });
});

describe('the Print SCP double keeps the state rules of PS3.4 Annex H', () => {
  it('refuses a film box without a film session, an image box it did not create, a grayscale box in a colour session, a second session', async () => {
    printer = await printScpDouble();
    const session = await openScu(scuSettings(DEFAULT_NETWORK_CONFIG), { title: 'PRINTDOUBLE', host: '127.0.0.1', port: printer.port }, [COLOR_PRINT_CONTEXT]);
    try {
      const c = session.connection.association.contextFor(SopClass.BasicColorPrintManagementMeta)!;
      const rq = (r: Parameters<typeof normalizedRequest>[2]) => normalizedRequest(session.connection, c, r).then((x) => x.status);
      expect(await rq({ op: 'N-CREATE', sopClass: SopClass.BasicFilmBox, attributes: { ImageDisplayFormat: 'STANDARD\\1,1', ReferencedFilmSessionSequence: [{ ReferencedSOPClassUID: SopClass.BasicFilmSession, ReferencedSOPInstanceUID: '1.2.3' }] } })).toBe(0x0106);
      expect(await rq({ op: 'N-SET', sopClass: SopClass.BasicColorImageBox, instance: '1.2.3.4', modifications: { ImageBoxPosition: 1 } })).toBe(0x0112);
      const filmSession = await normalizedRequest(session.connection, c, { op: 'N-CREATE', sopClass: SopClass.BasicFilmSession, attributes: { NumberOfCopies: '1' } });
      expect(filmSession.status).toBe(0);
      expect(await rq({ op: 'N-CREATE', sopClass: SopClass.BasicFilmSession, attributes: {} })).toBe(0x0213);
      const uid = filmSession.command.AffectedSOPInstanceUID!;
      const box = await normalizedRequest(session.connection, c, { op: 'N-CREATE', sopClass: SopClass.BasicFilmBox, attributes: { ImageDisplayFormat: 'STANDARD\\1,1', ReferencedFilmSessionSequence: [{ ReferencedSOPClassUID: SopClass.BasicFilmSession, ReferencedSOPInstanceUID: uid }] } });
      expect(box.status).toBe(0);
      const imageBox = (box.attributes!.ReferencedImageBoxSequence as { ReferencedSOPInstanceUID: string }[])[0]!.ReferencedSOPInstanceUID;
      expect(await rq({ op: 'N-SET', sopClass: SopClass.BasicGrayscaleImageBox, instance: imageBox, modifications: { ImageBoxPosition: 1 } })).toBe(0x0119);
      expect(await rq({ op: 'N-ACTION', sopClass: SopClass.BasicFilmBox, instance: box.command.AffectedSOPInstanceUID!, actionTypeId: 1 })).toBe(0xb603); // empty page
      expect(await rq({ op: 'N-DELETE', sopClass: SopClass.BasicFilmSession, instance: uid })).toBe(0);
      expect(await rq({ op: 'N-ACTION', sopClass: SopClass.BasicFilmBox, instance: box.command.AffectedSOPInstanceUID!, actionTypeId: 1 })).toBe(0x0112); // deleted with its session
    } finally {
      await session.close();
    }
  });
});
