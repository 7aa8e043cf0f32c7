// UIDs: SOP classes (sops.json 2025 + PS3.6 Table A-1 of the GDCM Part 6 XML) and transfer syntaxes
// (Part 6 XML + a supplement of later ones) → uids.generated.ts.
import { quote } from './common.mjs';

/**
 * Transfer syntax keywords of PS3.6 (2025) Table A-1, "Keyword" column, by UID; the Part 6 XML
 * of 2011 predates keywords. Every Part 6 transfer syntax must appear here (checked).
 */
const TRANSFER_SYNTAX_KEYWORDS = {
  '1.2.840.10008.1.2': 'ImplicitVRLittleEndian',
  '1.2.840.10008.1.2.1': 'ExplicitVRLittleEndian',
  '1.2.840.10008.1.2.1.99': 'DeflatedExplicitVRLittleEndian',
  '1.2.840.10008.1.2.2': 'ExplicitVRBigEndian',
  '1.2.840.10008.1.2.4.50': 'JPEGBaseline8Bit',
  '1.2.840.10008.1.2.4.51': 'JPEGExtended12Bit',
  '1.2.840.10008.1.2.4.52': 'JPEGExtended35',
  '1.2.840.10008.1.2.4.53': 'JPEGSpectralSelectionNonHierarchical68',
  '1.2.840.10008.1.2.4.54': 'JPEGSpectralSelectionNonHierarchical79',
  '1.2.840.10008.1.2.4.55': 'JPEGFullProgressionNonHierarchical1012',
  '1.2.840.10008.1.2.4.56': 'JPEGFullProgressionNonHierarchical1113',
  '1.2.840.10008.1.2.4.57': 'JPEGLossless',
  '1.2.840.10008.1.2.4.58': 'JPEGLosslessNonHierarchical15',
  '1.2.840.10008.1.2.4.59': 'JPEGExtendedHierarchical1618',
  '1.2.840.10008.1.2.4.60': 'JPEGExtendedHierarchical1719',
  '1.2.840.10008.1.2.4.61': 'JPEGSpectralSelectionHierarchical2022',
  '1.2.840.10008.1.2.4.62': 'JPEGSpectralSelectionHierarchical2123',
  '1.2.840.10008.1.2.4.63': 'JPEGFullProgressionHierarchical2426',
  '1.2.840.10008.1.2.4.64': 'JPEGFullProgressionHierarchical2527',
  '1.2.840.10008.1.2.4.65': 'JPEGLosslessHierarchical28',
  '1.2.840.10008.1.2.4.66': 'JPEGLosslessHierarchical29',
  '1.2.840.10008.1.2.4.70': 'JPEGLosslessSV1',
  '1.2.840.10008.1.2.4.80': 'JPEGLSLossless',
  '1.2.840.10008.1.2.4.81': 'JPEGLSNearLossless',
  '1.2.840.10008.1.2.4.90': 'JPEG2000Lossless',
  '1.2.840.10008.1.2.4.91': 'JPEG2000',
  '1.2.840.10008.1.2.4.92': 'JPEG2000MCLossless',
  '1.2.840.10008.1.2.4.93': 'JPEG2000MC',
  '1.2.840.10008.1.2.4.94': 'JPIPReferenced',
  '1.2.840.10008.1.2.4.95': 'JPIPReferencedDeflate',
  '1.2.840.10008.1.2.4.100': 'MPEG2MPML',
  '1.2.840.10008.1.2.4.101': 'MPEG2MPHL',
  '1.2.840.10008.1.2.4.102': 'MPEG4HP41',
  '1.2.840.10008.1.2.4.103': 'MPEG4HP41BD',
  '1.2.840.10008.1.2.4.104': 'MPEG4HP422D',
  '1.2.840.10008.1.2.4.105': 'MPEG4HP423D',
  '1.2.840.10008.1.2.4.106': 'MPEG4HP42STEREO',
  '1.2.840.10008.1.2.4.107': 'HEVCMP51',
  '1.2.840.10008.1.2.4.108': 'HEVCM10P51',
  '1.2.840.10008.1.2.5': 'RLELossless',
  '1.2.840.10008.1.2.6.1': 'RFC2557MIMEEncapsulation',
  '1.2.840.10008.1.2.6.2': 'XMLEncoding',
  '1.2.840.10008.1.20': 'Papyrus3ImplicitVRLittleEndian',
};

/** Transfer syntaxes retired after the Part 6 XML edition (PS3.6 2025 Table A-1 marks them "(Retired)"). */
const RETIRED_SINCE = new Set(['1.2.840.10008.1.2.6.1', '1.2.840.10008.1.2.6.2']);

/**
 * Transfer syntaxes defined after the Part 6 XML edition.
 * Source: PS3.6 (2025) Table A-1 "UID Values" (UID, name, keyword), transcribed by hand.
 */
const TRANSFER_SYNTAX_SUPPLEMENT = [
  ['1.2.840.10008.1.2.1.98', 'Encapsulated Uncompressed Explicit VR Little Endian', 'EncapsulatedUncompressedExplicitVRLittleEndian'],
  ['1.2.840.10008.1.2.4.100.1', 'Fragmentable MPEG2 Main Profile / Main Level', 'MPEG2MPMLF'],
  ['1.2.840.10008.1.2.4.101.1', 'Fragmentable MPEG2 Main Profile / High Level', 'MPEG2MPHLF'],
  ['1.2.840.10008.1.2.4.102.1', 'Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.1', 'MPEG4HP41F'],
  ['1.2.840.10008.1.2.4.103.1', 'Fragmentable MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1', 'MPEG4HP41BDF'],
  ['1.2.840.10008.1.2.4.104.1', 'Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video', 'MPEG4HP422DF'],
  ['1.2.840.10008.1.2.4.105.1', 'Fragmentable MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video', 'MPEG4HP423DF'],
  ['1.2.840.10008.1.2.4.106.1', 'Fragmentable MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2', 'MPEG4HP42STEREOF'],
  ['1.2.840.10008.1.2.4.110', 'JPEG XL Lossless', 'JPEGXLLossless'],
  ['1.2.840.10008.1.2.4.111', 'JPEG XL JPEG Recompression', 'JPEGXLJPEGRecompression'],
  ['1.2.840.10008.1.2.4.112', 'JPEG XL', 'JPEGXL'],
  ['1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 Image Compression (Lossless Only)', 'HTJ2KLossless'],
  ['1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)', 'HTJ2KLosslessRPCL'],
  ['1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000 Image Compression', 'HTJ2K'],
  ['1.2.840.10008.1.2.4.204', 'JPIP HTJ2K Referenced', 'JPIPHTJ2KReferenced'],
  ['1.2.840.10008.1.2.4.205', 'JPIP HTJ2K Referenced Deflate', 'JPIPHTJ2KReferencedDeflate'],
  ['1.2.840.10008.1.2.7.1', 'SMPTE ST 2110-20 Uncompressed Progressive Active Video', 'SMPTEST211020UncompressedProgressiveActiveVideo'],
  ['1.2.840.10008.1.2.7.2', 'SMPTE ST 2110-20 Uncompressed Interlaced Active Video', 'SMPTEST211020UncompressedInterlacedActiveVideo'],
  ['1.2.840.10008.1.2.7.3', 'SMPTE ST 2110-30 PCM Digital Audio', 'SMPTEST211030PCMDigitalAudio'],
  ['1.2.840.10008.1.2.8.1', 'Deflated Image Frame Compression', 'DeflatedImageFrameCompression'],
];

/** SOP class keywords where DICOM's own keyword departs from the plain PascalCase rule (PS3.6 2025 Table A-1). */
const SOP_CLASS_KEYWORD_OVERRIDES = {
  '1.2.840.10008.5.1.4.1.1.9.1.1': 'TwelveLeadECGWaveformStorage',
  '1.2.840.10008.5.1.4.1.1.9.1.4': 'General32bitECGWaveformStorage',
  '1.2.840.10008.5.1.4.1.1.77.1.5.8': 'OphthalmicOpticalCoherenceTomographyBscanVolumeAnalysisStorage',
  // sops.json drops the final "Storage" of this name; the Part 6 XML and PS3.6 have it.
  '1.2.840.10008.5.1.4.1.1.79.1': 'MacularGridThicknessAndVolumeReportStorage',
};

/**
 * Keyword of a UID name as DICOM forms them: words in PascalCase, punctuation dropped,
 * "SOP Class" dropped, FIND/MOVE/GET written Find/Move/Get.
 */
export function uidKeyword(name) {
  const words = name
    .replace(/\(Retired\)/gi, '')
    .replace(/\bSOP Class( UID)?\b/g, ' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  const keyword = words
    .map((w) => (/^(FIND|MOVE|GET)$/.test(w) ? w[0] + w.slice(1).toLowerCase() : w[0].toUpperCase() + w.slice(1)))
    .join('');
  if (!/^[A-Za-z]/.test(keyword)) throw new Error(`UID name '${name}' gives keyword '${keyword}' not starting with a letter`);
  return keyword;
}

/** Reads Table A-1 of the Part 6 XML: [{ uid, name, type, retired }]. */
export function readPart6Uids(part6) {
  const table = part6.children.find((c) => c.name === 'table' && c.attrs.name === 'UID Values');
  if (!table) throw new Error('Part 6 XML: no <table name="UID Values">');
  return table.children
    .filter((c) => c.name === 'uid')
    .map((c) => ({ uid: c.attrs.value, name: (c.attrs.name ?? '').trim(), type: c.attrs.type ?? '', retired: c.attrs.retired === 'true' }));
}

/** Builds the SOP class and transfer syntax tables. */
export function buildUids(part6Uids, sops) {
  // SOP classes: 2025 names where sops.json has them, else the Part 6 XML.
  const sopByUid = new Map();
  for (const s of sops) sopByUid.set(s.id, { uid: s.id, name: s.name, retired: false, storage: true });
  for (const u of part6Uids) {
    if (!/SOP Class$/.test(u.type) || u.name === '' || sopByUid.has(u.uid)) continue;
    sopByUid.set(u.uid, { uid: u.uid, name: u.name, retired: u.retired, storage: false });
  }
  const sopClasses = assignKeywords([...sopByUid.values()], SOP_CLASS_KEYWORD_OVERRIDES);

  const tsList = [];
  for (const u of part6Uids) {
    if (u.type !== 'Transfer Syntax') continue;
    const keyword = TRANSFER_SYNTAX_KEYWORDS[u.uid];
    if (!keyword) throw new Error(`no keyword for transfer syntax ${u.uid} ${u.name}`);
    tsList.push({ uid: u.uid, name: u.name, keyword, retired: u.retired || RETIRED_SINCE.has(u.uid), source: 'Part 6 XML' });
  }
  for (const [uid, name, keyword] of TRANSFER_SYNTAX_SUPPLEMENT) {
    if (tsList.some((t) => t.uid === uid)) throw new Error(`supplement transfer syntax ${uid} is already in Part 6`);
    tsList.push({ uid, name, keyword, retired: false, source: 'PS3.6 2025 Table A-1 supplement' });
  }
  return { sopClasses, transferSyntaxes: tsList };
}

/** Keywords for UID rows; a retired row whose keyword collides with a current one gets 'Retired' appended. */
function assignKeywords(rows, overrides) {
  const out = rows.map((r) => ({ ...r, keyword: overrides[r.uid] ?? uidKeyword(r.name) }));
  const current = new Set(out.filter((r) => !r.retired).map((r) => r.keyword));
  for (const r of out) if (r.retired && current.has(r.keyword)) r.keyword += 'Retired';
  const seen = new Map();
  for (const r of out) {
    if (seen.has(r.keyword)) throw new Error(`UID keyword ${r.keyword} for both ${seen.get(r.keyword)} and ${r.uid}`);
    seen.set(r.keyword, r.uid);
  }
  return out;
}

function uidRows(rows) {
  return rows.map((r) => `  ${r.keyword}: ${quote(r.uid)},${r.retired ? ' // retired' : ''}`).join('\n');
}

/** Names as PS3.6 writes them: retired UIDs end with " (Retired)". */
function nameRows(rows) {
  return rows
    .map((r) => {
      const name = r.retired && !/\(Retired\)$/.test(r.name) ? `${r.name} (Retired)` : r.name;
      return `  [${quote(r.uid)}, ${quote(name)}, ${r.retired}],`;
    })
    .join('\n');
}

/** uids.generated.ts */
export function uidsModule({ sopClasses, transferSyntaxes }) {
  return `
/**
 * SOP class UIDs by keyword: every storage SOP class of the 2025 standard (innolitics sops.json)
 * plus the SOP classes and meta SOP classes of PS3.6 Table A-1 (GDCM Part 6 XML), e.g. Verification,
 * the Query/Retrieve information models, Storage Commitment, Modality Worklist.
 */
export const SopClass = {
${uidRows(sopClasses)}
} as const;

/** A keyword of {@link SopClass}. */
export type SopClassKeyword = keyof typeof SopClass;

/**
 * Transfer syntax UIDs by keyword (PS3.6 Table A-1). From the GDCM Part 6 XML, plus those defined
 * later (HTJ2K, JPEG XL, fragmentable MPEG, SMPTE ST 2110, Deflated Image Frame Compression, …)
 * from a supplement transcribed from PS3.6 (2025) Table A-1.
 */
export const TransferSyntax = {
${uidRows(transferSyntaxes)}
} as const;

/** A keyword of {@link TransferSyntax}. */
export type TransferSyntaxKeyword = keyof typeof TransferSyntax;

/** [uid, name, retired] of every SOP class in {@link SopClass}. */
export const SOP_CLASS_NAMES: readonly (readonly [string, string, boolean])[] = [
${nameRows(sopClasses)}
];

/** [uid, name, retired] of every transfer syntax in {@link TransferSyntax}. */
export const TRANSFER_SYNTAX_NAMES: readonly (readonly [string, string, boolean])[] = [
${nameRows(transferSyntaxes)}
];
`;
}
