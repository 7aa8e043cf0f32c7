import { Tag, TransferSyntax, type DerivedObjectRequest, type LoadSpec, type OutputDefinition } from '@atrium/sdk';
import { AtriumError, isAtriumError } from '../errors/atrium-error.js';
import type { DataElement } from '../io/data-element.js';
import { DataSet } from '../io/data-set.js';
import { transferSyntaxInfo, EXPLICIT_LE } from '../io/transfer-syntax.js';
import { buildFileMeta, writePart10 } from '../io/write-part10.js';
import { completeModules } from './complete-modules.js';
import { derivedUids } from './derived-uids.js';
import { outputCharacterSet, UTF8_OUTPUT, type OutputCharacterSet } from './output-character-set.js';
import { pixelElements } from './pixel-elements.js';
import { privateElements, reservePrivateBlocks, type ReservedBlock } from './private-elements.js';
import { produceAttribute, type Produced } from './produce-attribute.js';
import { resolveActions, type ResolvedActions, type ResolvedAttribute } from './resolve-actions.js';
import { validateDerived } from './validate-derived.js';

/** Everything needed to build one derived object; pure data (the engine runs in a worker). */
export interface DeriveRequest {
  readonly outputName: string;
  readonly output: OutputDefinition;
  readonly app: { readonly pluginId: string; readonly appId: string; readonly title: string; readonly version: string; readonly manufacturer?: string };
  /** Validated app parameters (part of the Series Instance UID derivation). */
  readonly parameters: Readonly<Record<string, unknown>>;
  /** The app's load specification (Used / Mandatory: inconsistent Copied values come from the app's content). */
  readonly load: LoadSpec;
  /** Host datasets of the source instances, with Pixel Data when `copySourcePixels`. */
  readonly sources: readonly { readonly dataset: DataSet; readonly transferSyntaxUID: string }[];
  readonly request: Omit<DerivedObjectRequest, 'sources'>;
  /** 0-based position of this object in its output series (Instance Number = index + 1). */
  readonly index: number;
  /** Series Number chosen by the caller (next free in the study). */
  readonly seriesNumber: number;
  /** The input series (UID derivation, Referenced Series Sequence). */
  readonly sourceSeriesInstanceUID: string;
  /** UID root, default `2.25.`. */
  readonly uidRoot?: string;
  /** The run's start time: Series / Content / Instance Creation dates and times. */
  readonly now: Date;
  readonly stationName: string;
  readonly operatorsName: string;
}

/** A derived object, built and validated, ready to be stored. */
export interface DerivedObject {
  /** Part 10 file: Explicit VR Little Endian (or the source's encapsulated syntax for copied compressed pixels), generated meta. */
  readonly bytes: Uint8Array;
  readonly dataset: DataSet;
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly sopInstanceUID: string;
  readonly sopClassUID: string;
  readonly transferSyntaxUID: string;
  /**
   * Attribute keyword → how it was produced, for every attribute the engine considered:
   * `Copied`, `Removed`, `Content`, `Generated:<generator>`, with a note in parentheses when
   * absent or special, e.g. `Copied (not the same on every source)`, `Copied (empty: absent in the source)`.
   */
  readonly provenance: Readonly<Record<string, string>>;
}

/**
 * Build one derived object from data (GE SmartScore conformance statement §1.9): every top-level
 * attribute of the output IOD's modules, and every attribute the mapping lists, is
 * produced by its resolved rule ({@link resolveActions}: Copied / Generated / Removed);
 * nothing else from the sources is written (an allow-list; private attributes never are: the only
 * private elements are those of the output's declared private blocks, reserved per PS3.5 §7.8.1
 * and filled from the request's `privateData`, see {@link privateElements}).
 * C/U modules are written when the sources or the app fill their own Type 1/2 attributes,
 * and dropped when copied values leave them incomplete; Type 2 attributes a Copied rule
 * leaves absent are written empty. The object lands in the source study, with deterministic
 * UIDs ({@link derivedUids}), then is validated ({@link validateDerived}).
 *
 * Throws AtriumError: ATRIUM_ERR_DERIVE_MAPPING (a mapping that cannot apply), ATRIUM_ERR_DERIVE_REQUEST
 * (wrong number of sources, pixels and copySourcePixels together, pixels for a non-image
 * IOD), ATRIUM_ERR_DERIVE_PIXELS, ATRIUM_ERR_DERIVE_VALUE (a content value that does not fit),
 * ATRIUM_ERR_DERIVE_PRIVATE (a private block declaration or value that cannot be written),
 * ATRIUM_ERR_DERIVE_INVALID with `details.problems` ({keyword, tag, rule, message}[]).
 */
export function deriveObject(req: DeriveRequest): DerivedObject {
  const resolved = resolveActions(req.output);
  if (resolved.problems.length > 0) {
    throw new AtriumError('ATRIUM_ERR_DERIVE_MAPPING', `mapping of output '${req.outputName}' cannot be applied: ${resolved.problems.map((p) => p.message).join('; ')}`, { output: req.outputName, problems: resolved.problems });
  }
  checkRequest(req, resolved);
  const blocks = reservePrivateBlocks(req.outputName, req.output);
  const sources = req.sources.map((s) => s.dataset);
  const charset = outputCharacterSet(sources);
  try {
    return build(req, resolved, blocks, charset);
  } catch (e) {
    if (!charset.toUtf8 && isAtriumError(e, 'ATRIUM_ERR_CHARSET_UNENCODABLE')) return build(req, resolved, blocks, UTF8_OUTPUT);
    throw e;
  }
}

function build(req: DeriveRequest, resolved: ResolvedActions, blocks: readonly ReservedBlock[], charset: OutputCharacterSet): DerivedObject {
  const sources = req.sources.map((s) => s.dataset);
  const { seriesInstanceUID, sopInstanceUID } = derivedUids({
    ...req,
    sourceSopInstanceUIDs: sources.map((ds) => ds.string(Tag.SOPInstanceUID) ?? ''),
  });
  const content = req.request.content ?? {};
  const pixels = req.request.pixels ? pixelElements(req.request.pixels, resolved.iod, content) : undefined;
  const ctx = {
    request: req,
    sopClassUID: resolved.sopClassUID,
    sources,
    charset,
    pixels,
    generator: { request: req, sopClassUID: resolved.sopClassUID, seriesInstanceUID, sopInstanceUID, sources },
  };
  const produced = new Map<string, Produced>();
  const attributes: ResolvedAttribute[] = [...resolved.modules.flatMap((m) => m.attributes), ...resolved.extras];
  for (const attr of attributes) if (!produced.has(attr.keyword)) produced.set(attr.keyword, produceAttribute(attr, ctx));
  completeModules(resolved.iod, produced);

  const elements: DataElement[] = [];
  const provenance: Record<string, string> = {};
  for (const [keyword, p] of produced) {
    provenance[keyword] = p.provenance;
    if (p.element) elements.push(p.element);
  }
  const privates = privateElements(req.outputName, blocks, req.request.privateData, charset.values);
  elements.push(...privates.elements);
  Object.assign(provenance, privates.provenance);
  elements.sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  const dataset = new DataSet(elements, EXPLICIT_LE, charset.values);
  const problems = validateDerived(dataset, resolved.iod.id, provenance);
  if (problems.length > 0) {
    throw new AtriumError(
      'ATRIUM_ERR_DERIVE_INVALID',
      `derived object ${req.index + 1} of output '${req.outputName}' (${resolved.iod.name}) is not valid: ${problems.map((p) => p.message).join('; ')}`,
      { output: req.outputName, iod: resolved.iod.id, problems },
    );
  }
  const pixelData = dataset.get(Tag.PixelData);
  const transferSyntaxUID = pixelData?.encapsulated ? (req.sources[0]?.transferSyntaxUID ?? TransferSyntax.ExplicitVRLittleEndian) : TransferSyntax.ExplicitVRLittleEndian;
  const bytes = writePart10({
    // The Implementation Class UID under the organisation root the derived UIDs are made under.
    preamble: new Uint8Array(128),
    meta: buildFileMeta(dataset, transferSyntaxUID, undefined, req.uidRoot),
    hasPrefix: true,
    dataset,
    transferSyntax: transferSyntaxInfo(transferSyntaxUID),
    transferSyntaxDetected: false,
    trailing: new Uint8Array(0),
    stoppedAtPixelData: false,
    datasetBytes: new Uint8Array(0),
  });
  return {
    bytes,
    dataset,
    studyInstanceUID: dataset.string(Tag.StudyInstanceUID) ?? '',
    seriesInstanceUID,
    sopInstanceUID,
    sopClassUID: resolved.sopClassUID,
    transferSyntaxUID,
    provenance,
  };
}

function checkRequest(req: DeriveRequest, resolved: ResolvedActions): void {
  const fail = (why: string): never => {
    throw new AtriumError('ATRIUM_ERR_DERIVE_REQUEST', `output '${req.outputName}': ${why}`, { output: req.outputName });
  };
  const n = req.sources.length;
  if (n === 0) fail('a derived object needs at least one source instance');
  if (req.output.cardinality === '1:1' && n !== 1) fail(`a 1:1 output derives each object from exactly one source (got ${n})`);
  if (req.request.pixels && req.request.copySourcePixels) fail('give either pixels or copySourcePixels, not both');
  const image = resolved.iod.modules.some((m) => m.id === 'image-pixel');
  if (!image && (req.request.pixels || req.request.copySourcePixels)) fail(`${resolved.iod.name} has no pixels`);
  if (!Number.isInteger(req.index) || req.index < 0) fail(`index must be a whole number from 0 (got ${req.index})`);
}
