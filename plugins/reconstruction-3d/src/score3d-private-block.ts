import type { PrivateBlockDeclaration } from '@atrium/sdk';

/** Our Private Creator: the Shimadzu SCORE 3D element layout under Atrium's own name. */
export const VIEW_CREATOR = 'ATRIUM 3D VIEW 1';

/**
 * The private block of the 3-D views, with the VR layout of the Shimadzu SCORE 3D conformance
 * statement §5.1 ("Extended Secondary Capture Object", group 7109, Private Data 1–7: OB, OB, DS,
 * DS, DS, UI, CS at (7109,xx21), xx23, xx30–xx34). That document names the elements only
 * "Private Data 1–7"; the meanings below are Atrium's, printed in the conformance statement.
 */
export const viewPrivateBlock: PrivateBlockDeclaration = {
  group: 0x7109,
  creator: VIEW_CREATOR,
  elements: {
    viewParameters: { element: 0x21, vr: 'OB', vm: '1', description: 'Private Data 1: the view as UTF-8 JSON: mode, camera, window, iso-value and every parameter of the run (preset, clipping box, bone removal, view number ...)' },
    transferFunction: { element: 0x23, vr: 'OB', vm: '1', description: 'Private Data 2: the transfer function, little-endian float32 quintuples (value, red, green, blue, opacity; colours 0–1)' },
    camera: { element: 0x30, vr: 'DS', vm: '3', description: 'Private Data 3: camera azimuth\\elevation (degrees) \\zoom; for a rotating MIP the view\'s angle about its axis, 0, 1' },
    window: { element: 0x31, vr: 'DS', vm: '2', description: 'Private Data 4: window centre\\width (modality units) of the view\'s grey ramp or transfer function' },
    isoValue: { element: 0x32, vr: 'DS', vm: '1', description: 'Private Data 5: iso-value of the rendered surface (modality units); absent for volume rendering and MIP' },
    sourceSeries: { element: 0x33, vr: 'UI', vm: '1', description: 'Private Data 6: Series Instance UID of the source series' },
    renderingMode: { element: 0x34, vr: 'CS', vm: '1', description: 'Private Data 7: rendering mode — VOLUME, SURFACE, MIP (also the rotating MIP), MINIP, MEAN' },
  },
};
