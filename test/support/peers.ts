import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * Real peers used as referees in tests (DCMTK, dicom3tools, GDCM, pydicom, scikit-image, scipy,
 * VTK through python3-vtk9, dcm2niix, Chromium). Where
 * `CI=true` a missing peer is a failure, never a skip: `.ci/run` installs them all.
 */
const cache = new Map<string, string | undefined>();

function which(tool: string): string | undefined {
  if (!cache.has(tool)) {
    const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    cache.set(tool, r.status === 0 ? r.stdout.trim() || undefined : undefined);
  }
  return cache.get(tool);
}

/** A Python 3 that can import pydicom (Debian's python3-pydicom lives under /usr/bin/python3). */
export function pythonWithPydicom(): string | undefined {
  return pythonWith('pydicom, numpy');
}

/**
 * Python referees by peer name: `scipy` (Debian python3-scipy: ndimage.map_coordinates) and
 * `python3-vtk` (Debian python3-vtk9: VTK C++ through its Python wrapping), each with pydicom and numpy;
 * `skimage` (Debian python3-skimage: transform.iradon) with numpy.
 */
type PythonPeer = 'pydicom' | 'scipy' | 'python3-vtk' | 'skimage';
const PYTHON_PEERS: Readonly<Record<PythonPeer, string>> = {
  pydicom: 'pydicom, numpy',
  scipy: 'pydicom, numpy, scipy.ndimage',
  'python3-vtk': 'pydicom, numpy, vtk',
  skimage: 'skimage.transform, numpy',
};

function isPythonPeer(tool: string): tool is PythonPeer {
  return Object.hasOwn(PYTHON_PEERS, tool);
}

/** A Python 3 that can import the given modules (ATRIUM_PYTHON, /usr/bin/python3 or python3 on the PATH). */
function pythonWith(modules: string): string | undefined {
  const key = `#python:${modules}`;
  if (cache.has(key)) return cache.get(key);
  const candidates = [process.env.ATRIUM_PYTHON, '/usr/bin/python3', which('python3')].filter((p): p is string => !!p && existsSync(p));
  const found = candidates.find((p) => spawnSync(p, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0);
  cache.set(key, found);
  return found;
}

/**
 * Path of a peer tool, or undefined when absent outside CI (the caller skips).
 * Under CI=true a missing tool throws, so the test fails.
 */
export function peer(tool: string): string | undefined {
  const path = isPythonPeer(tool) ? pythonWith(PYTHON_PEERS[tool]) : which(tool);
  if (!path && process.env.CI === 'true') throw new Error(`peer tool "${tool}" is missing (CI=true: .ci/run must install it)`);
  return path;
}

/** True when every named peer is available (throws under CI when one is missing). */
export function havePeers(...tools: string[]): boolean {
  return tools.map((t) => peer(t)).every((p) => p !== undefined);
}

/** Run a peer tool and return its stdout; throws with stderr on failure. */
export function runPeer(tool: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): string {
  const path = peer(tool);
  if (!path) throw new Error(`peer tool "${tool}" is missing`);
  return execFileSync(path, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...options.env }, ...(options.input !== undefined ? { input: options.input } : {}) });
}

/** Run a Python snippet with pydicom available; `args` become sys.argv[1:]. */
export function runPydicom(script: string, args: readonly string[] = []): string {
  return runPython('pydicom', script, args);
}

/** Run a Python snippet with scikit-image (and numpy) available; `args` become sys.argv[1:]. */
export function runSkimage(script: string, args: readonly string[] = []): string {
  return runPython('skimage', script, args);
}

/** Run a Python snippet with a Python peer (`pydicom`, `scipy`, `python3-vtk`, `skimage`); `args` become sys.argv[1:]. */
export function runPython(tool: PythonPeer, script: string, args: readonly string[] = []): string {
  const py = peer(tool);
  if (!py) throw new Error(`python3 with ${PYTHON_PEERS[tool]} is missing`);
  return execFileSync(py, ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}
