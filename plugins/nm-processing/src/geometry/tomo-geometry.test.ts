import { describe, expect, it } from 'vitest';
import { fakeInstance } from '../test-support/fake-instance.js';
import type { NmObject } from '../test-support/nm-object.js';
import { nmStudyIds } from '../test-support/nm-study-ids.js';
import { tomoAcquisition, type TomoAcquisitionOptions } from '../test-support/tomo-acquisition.js';
import { tomoGeometry } from './tomo-geometry.js';

const base: TomoAcquisitionOptions = {
  ids: nmStudyIds(3),
  phantom: { ellipsoids: [{ center: [0, 0, 0], semiAxes: [30, 30, 30], value: 1 }] },
  columns: 16,
  rows: 8,
  pixel: 6,
  detectors: [0, 180],
  viewsPerDetector: 16,
  step: 5.625 * 2,
  direction: 'CW',
  countsPerView: 1000,
  seriesInstanceUID: '2.25.11',
  sopInstanceUID: '2.25.12',
};
const geometryOf = (o: NmObject) => tomoGeometry(fakeInstance(o), 'nm-recon');

/** The object with some attributes replaced (undefined removes). */
function edited(o: NmObject, changes: Record<string, unknown>): NmObject {
  const attributes: Record<string, unknown> = { ...o.attributes };
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete attributes[k];
    else attributes[k] = v;
  }
  return { attributes: attributes as NmObject['attributes'], frames: o.frames };
}

describe('tomoGeometry', () => {
  const acquisition = tomoAcquisition(base);

  it('gives every frame its angle from the rotation, the detector offset and the direction (CW: decreasing)', () => {
    const g = geometryOf(acquisition);
    expect(g.kind).toBe('TOMO');
    expect(g.frames).toHaveLength(32);
    expect(g.frames.slice(0, 3).map((f) => f.angle)).toEqual([0, -11.25, -22.5]);
    expect(g.frames.slice(16, 18).map((f) => [f.detector, f.angle])).toEqual([[2, 180], [2, 168.75]]);
    expect(g.axisColumn).toEqual([7.5, 7.5]);
    expect(g.rowDirection).toEqual([1, 0]);
    expect(g.zStep).toBe(-6);
    expect(g.pixelSpacing).toEqual([6, 6]);
  });

  it('reads CC as increasing angles and applies Center of Rotation Offset when Corrected Image has no COR', () => {
    const cc = geometryOf(tomoAcquisition({ ...base, direction: 'CC', corOffset: 3 }));
    expect(cc.frames.slice(0, 2).map((f) => f.angle)).toEqual([0, 11.25]);
    expect(cc.corApplied).toBe(true);
    expect(cc.axisColumn[0]).toBeCloseTo(8, 10);
    const already = geometryOf(edited(tomoAcquisition({ ...base, corOffset: 3 }), { CorrectedImage: ['UNIF', 'COR'] }));
    expect([already.corApplied, already.axisColumn[0]]).toEqual([false, 7.5]);
  });

  it.each([
    ['no Rotation Information Sequence', { RotationInformationSequence: undefined }, /Rotation Information Sequence is missing/],
    ['steps that do not make the scan arc', { RotationInformationSequence: [{ StartAngle: 0, AngularStep: 7, RotationDirection: 'CW', ScanArc: 180, NumberOfFramesInRotation: 16 }] }, /non-uniform angular steps/],
    ['an unknown rotation direction', { RotationInformationSequence: [{ StartAngle: 0, AngularStep: 11.25, RotationDirection: 'CLOCKWISE', ScanArc: 180, NumberOfFramesInRotation: 16 }] }, /Rotation Direction of rotation 1 is CLOCKWISE/],
    ['a projection image that is not TOMO', { ImageType: ['ORIGINAL', 'PRIMARY', 'STATIC', 'EMISSION'] }, /Image Type value 3 is STATIC/],
    ['a fan-beam collimator', { DetectorInformationSequence: [{ CollimatorType: 'FANB', StartAngle: 0, ImageOrientationPatient: [1, 0, 0, 0, 0, -1] }, { StartAngle: 180 }] }, /Collimator Type FANB/],
    ['a second head without a start angle', { DetectorInformationSequence: [{ StartAngle: 0, ImageOrientationPatient: [1, 0, 0, 0, 0, -1] }, {}] }, /detector 2 of 2 has no Start Angle/],
    ['no detector orientation', { DetectorInformationSequence: [{ StartAngle: 0 }, { StartAngle: 180 }] }, /no Image Orientation \(Patient\)/],
    ['an orientation that is not the start view', { DetectorInformationSequence: [{ StartAngle: 0, ImageOrientationPatient: [0, 1, 0, 0, 0, -1] }, { StartAngle: 180 }] }, /is not the view of a detector at Start Angle 0/],
    ['a vector of the wrong length', { AngularViewVector: [1, 2, 3] }, /Angular View Vector|AngularViewVector has 3 values for 32 frames/],
    ['duplicate views', { AngularViewVector: Array(32).fill(1) }, /repeats energy window 1, detector 1, rotation 1, view 1/],
    ['no pixel spacing', { PixelSpacing: undefined }, /Pixel Spacing is \[\]/],
  ])('refuses %s, naming why', (_, changes, message) => {
    expect(() => geometryOf(edited(acquisition, changes))).toThrow(message);
    try {
      geometryOf(edited(acquisition, changes));
    } catch (e) {
      expect((e as { code?: string }).code).toBe('ATRIUM_ERR_NM_REFUSED');
    }
  });

  it("refuses views that leave a gap in the half circle (one head, 8 views of 11.25°)", () => {
    const short = tomoAcquisition({ ...base, detectors: [0], viewsPerDetector: 8 });
    expect(() => geometryOf(short)).toThrow(/leave a gap of 101\.3° in the half circle/);
  });

  it('accepts two heads at 90° (L mode) covering 180° together', () => {
    const l = geometryOf(tomoAcquisition({ ...base, detectors: [0, 90], viewsPerDetector: 8 }));
    expect(l.frames.map((f) => f.angle).sort((a, b) => a - b)[0]).toBe(-78.75);
  });
});
