import { SdkError, type Vec3 } from '@atrium/sdk';

/** A parameter's list of numbers, e.g. `"0,1,-1"` or `"0 1 -1"`; SdkError ATRIUM_ERR_PARAM_INVALID naming it otherwise. */
export function parseNumbers(text: string, parameter: string, count: number): number[] {
  const parts = text.trim() === '' ? [] : text.trim().split(/[\s,\\]+/);
  const numbers = parts.map(Number);
  if (numbers.length !== count || numbers.some((n) => !Number.isFinite(n))) {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "${parameter}" must be ${count} numbers separated by commas (got ${JSON.stringify(text)})`, { parameter, value: text });
  }
  return numbers;
}

/** A point or direction parameter in patient coordinates (LPS mm), `"x,y,z"`. */
export function parseVector(text: string, parameter: string): Vec3 {
  const [x, y, z] = parseNumbers(text, parameter, 3);
  return [x!, y!, z!];
}

/** Three points `"x1,y1,z1;x2,y2,z2;x3,y3,z3"`. */
export function parsePoints(text: string, parameter: string): [Vec3, Vec3, Vec3] {
  const parts = text.split(';');
  if (parts.length !== 3) {
    throw new SdkError('ATRIUM_ERR_PARAM_INVALID', `parameter "${parameter}" must be three points "x1,y1,z1;x2,y2,z2;x3,y3,z3" (got ${JSON.stringify(text)})`, { parameter, value: text });
  }
  return [parseVector(parts[0]!, parameter), parseVector(parts[1]!, parameter), parseVector(parts[2]!, parameter)];
}
