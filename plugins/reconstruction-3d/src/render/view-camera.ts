import type { SceneCamera, Vec3 } from '@atrium/sdk';
import { add, cross, normalize, rotate, scale } from '../geometry/vec3.js';

/** A view as the user gives it: degrees about the patient's head–foot axis and above the horizontal, and a zoom. */
export interface ViewAngles {
  /** 0 from the front (anterior), 90 from the patient's left, 180 from behind, 270 from the right. */
  readonly azimuth: number;
  /** 0 level, 90 from above (the head), −90 from below. */
  readonly elevation: number;
  /** 1 fits the whole volume; 2 shows half the height. */
  readonly zoom: number;
}

/** What a camera sees: its view direction and the image's right and up directions (patient coordinates). */
export interface ViewFrame {
  /** From the camera into the scene. */
  readonly direction: Vec3;
  readonly right: Vec3;
  readonly up: Vec3;
}

/**
 * The frame of a view: from the front, the viewer sees the patient's right on the left of the image
 * and the head up (as radiological displays); azimuth turns the camera about the head–foot axis
 * towards the patient's left, elevation raises it towards the head.
 */
export function viewFrame(view: ViewAngles): ViewFrame {
  const az = (view.azimuth * Math.PI) / 180;
  const el = (view.elevation * Math.PI) / 180;
  const headFoot: Vec3 = [0, 0, 1];
  // From the front: looking posterior (+y), right = patient's left (+x), up = head (+z).
  let direction = rotate([0, 1, 0], headFoot, az);
  let up: Vec3 = [0, 0, 1];
  const right = rotate([1, 0, 0], headFoot, az);
  direction = rotate(direction, right, -el);
  up = rotate(up, right, -el);
  return { direction: normalize(direction)!, right: normalize(cross(direction, up))!, up: normalize(up)! };
}

/** The camera of a view looking at `centre`, its image `radius` mm high at zoom 1. */
export function viewCamera(view: ViewAngles, centre: Vec3, radius: number): SceneCamera {
  const frame = viewFrame(view);
  return { focalPoint: centre, position: add(centre, scale(frame.direction, -4 * radius)), viewUp: frame.up, parallelScale: radius / view.zoom };
}
