import type { LoadSpec } from '@atrium/sdk';

/**
 * How the 3-D apps use their source attributes. (What they accept — the image storage SOP classes
 * the Shimadzu SCORE 3D conformance statement, Table 1, receives: CT, Enhanced CT, MR, Enhanced MR —
 * is each app's input selector in the manifest, package.json.) The geometry is checked by the volume builder
 * (mixed orientations, duplicate positions, gaps and tilts are refused with the slices named), so
 * the Image Plane attributes — at the top level of classic images, in the functional groups of
 * enhanced ones — are Used rather than Mandatory here.
 */
export const SCORE3D_LOAD: LoadSpec = {
  StudyInstanceUID: { usage: 'Mandatory', note: 'derived series land in the source study' },
  SeriesInstanceUID: { usage: 'Mandatory', note: 'recorded in the views\' private block' },
  Modality: { usage: 'Used', note: 'CT or MR: the reformatted IOD and the presets\' scale' },
  Rows: { usage: 'Mandatory' },
  Columns: { usage: 'Mandatory' },
  PixelData: { usage: 'Mandatory' },
  FrameOfReferenceUID: { usage: 'Used', note: 'one Frame of Reference per volume; copied into the reformatted planes and the surface model' },
  ImagePositionPatient: { usage: 'Used', note: 'slice positions (classic images); sorted along the normal, duplicates and gaps refused' },
  ImageOrientationPatient: { usage: 'Used', note: 'one orientation for the whole stack' },
  PixelSpacing: { usage: 'Used', note: 'in-plane voxel size' },
  SliceThickness: { usage: 'Used', note: 'spacing of a one-slice volume' },
  SpacingBetweenSlices: { usage: 'Used', note: 'spacing of a one-slice volume' },
  RescaleIntercept: { usage: 'Used', note: 'voxels in modality units (HU for CT)' },
  RescaleSlope: { usage: 'Used', note: 'voxels in modality units (HU for CT)' },
  WindowCenter: { usage: 'Used', note: 'default window of the reformatted planes and the MIP' },
  WindowWidth: { usage: 'Used', note: 'default window of the reformatted planes and the MIP' },
  SharedFunctionalGroupsSequence: { usage: 'Used', note: 'Enhanced CT / MR: plane orientation, pixel measures, pixel value transformation' },
  PerFrameFunctionalGroupsSequence: { usage: 'Used', note: 'Enhanced CT / MR: plane position of each frame' },
};
