type Vec3 = readonly [number, number, number] | number[];

/** The patient direction of a vector in LPS (PS3.3 C.7.6.1.1.1): L/R, P/A, H/F, strongest first. */
export function orientationString(v: Vec3): string {
  const letters = [v[0] > 0 ? 'L' : 'R', v[1] > 0 ? 'P' : 'A', v[2] > 0 ? 'H' : 'F'];
  return [0, 1, 2]
    .filter((i) => Math.abs(v[i]) > 0.2)
    .sort((a, b) => Math.abs(v[b]) - Math.abs(v[a]))
    .map((i) => letters[i])
    .join('');
}

const OPPOSITE: Record<string, string> = { L: 'R', R: 'L', P: 'A', A: 'P', H: 'F', F: 'H' };

/** The labels at the four edges of a view, from its camera (view-up and view-plane normal in LPS). */
export function edgeLabels(viewUp: Vec3, viewPlaneNormal: Vec3): { top: string; bottom: string; left: string; right: string } {
  const down = [-viewUp[0], -viewUp[1], -viewUp[2]];
  const right = [
    viewUp[1] * viewPlaneNormal[2] - viewUp[2] * viewPlaneNormal[1],
    viewUp[2] * viewPlaneNormal[0] - viewUp[0] * viewPlaneNormal[2],
    viewUp[0] * viewPlaneNormal[1] - viewUp[1] * viewPlaneNormal[0],
  ];
  const invert = (s: string) => [...s].map((c) => OPPOSITE[c]).join('');
  const r = orientationString(right);
  const b = orientationString(down);
  return { right: r, left: invert(r), bottom: b, top: invert(b) };
}
