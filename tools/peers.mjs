#!/usr/bin/env node
// `npm run peers`: install the real peers the interop tests use as referees (`npm run test:interop`),
// from the distribution's packages (Debian / Ubuntu apt): DCMTK, dicom3tools, GDCM tools, pydicom +
// numpy + scikit-image + SciPy + VTK for /usr/bin/python3, Orthanc with its DICOMweb plugin,
// Chromium (the 3-D render service, the browser tests) and dcm2niix. `npm run peers -- --check`
// only says what is missing.
// Installing needs root: run as root, or with sudo (asked for when needed).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/** Each peer: how to tell it is there, and the apt package that brings it. */
const PEERS = [
  { what: 'DCMTK (dcmdump, storescu, storescp, findscu, movescu, getscu, ...)', have: () => onPath('dcmdump') && onPath('storescu'), apt: 'dcmtk' },
  { what: 'dicom3tools (dciodvfy)', have: () => onPath('dciodvfy'), apt: 'dicom3tools' },
  { what: 'GDCM tools (gdcmconv)', have: () => onPath('gdcmconv'), apt: 'libgdcm-tools' },
  { what: 'pydicom for /usr/bin/python3', have: () => python('import pydicom'), apt: 'python3-pydicom' },
  { what: 'numpy for /usr/bin/python3', have: () => python('import numpy'), apt: 'python3-numpy' },
  { what: 'scikit-image for /usr/bin/python3 (the FBP referee)', have: () => python('import skimage'), apt: 'python3-skimage' },
  { what: 'Orthanc', have: () => onPath('Orthanc') || exists('/usr/sbin/Orthanc'), apt: 'orthanc' },
  { what: 'the Orthanc DICOMweb plugin (the DICOMweb interop tests)', have: () => existsFile('/usr/share/orthanc/plugins/libOrthancDicomWeb.so'), apt: 'orthanc-dicomweb' },
  { what: 'Chromium (the 3-D render service: WebGL2 in headless Chromium; browser tests, dicomweb-client in a page)', have: () => onPath('chromium'), apt: 'chromium' },
  { what: 'dcm2niix (the NIfTI export referee)', have: () => onPath('dcm2niix'), apt: 'dcm2niix' },
  { what: 'SciPy for /usr/bin/python3 (the reformat referee)', have: () => python('import scipy.ndimage'), apt: 'python3-scipy' },
  { what: 'VTK for /usr/bin/python3 (the reslice referee, the 3-D benchmark\'s peer)', have: () => python('import vtk'), apt: 'python3-vtk9' },
];

function onPath(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}
function exists(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
function existsFile(path) {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
function python(code) {
  return spawnSync('/usr/bin/python3', ['-c', code], { stdio: 'ignore' }).status === 0;
}
function run(argv) {
  console.log(`$ ${argv.join(' ')}`);
  const r = spawnSync(argv[0], argv.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return r.status === 0;
}

const checkOnly = process.argv.includes('--check');
const missing = PEERS.filter((p) => !p.have());
for (const p of PEERS) console.log(`${missing.includes(p) ? 'missing  ' : 'installed'}  ${p.what}  (apt: ${p.apt})`);
if (missing.length === 0) {
  console.log('\nevery peer of the interop tests is installed: npm run test:interop');
  process.exit(0);
}
const packages = missing.map((p) => p.apt);
const command = ['apt-get', 'install', '-y', '--no-install-recommends', ...packages];
if (checkOnly) {
  console.log(`\n${missing.length} missing: npm run peers installs them (${command.join(' ')})`);
  process.exit(1);
}
if (process.platform !== 'linux' || !onPath('apt-get')) {
  console.error(`\nnpm run peers installs with apt-get (Debian, Ubuntu), which this system does not have.\nInstall these by other means: ${missing.map((p) => p.what).join('; ')}.`);
  process.exit(1);
}
let prefix = [];
if (process.getuid?.() !== 0) {
  if (!onPath('sudo')) {
    console.error(`\nInstalling needs root, and there is no sudo here. As root, run:\n  apt-get update && ${command.join(' ')}`);
    process.exit(1);
  }
  console.log('\nInstalling needs root: using sudo (it may ask for your password).');
  prefix = ['sudo'];
}
if (!run([...prefix, 'apt-get', 'update', '-qq']) || !run([...prefix, ...command])) {
  console.error(`\napt-get failed; nothing else was changed. The command was: ${[...prefix, ...command].join(' ')}`);
  process.exit(1);
}
const still = PEERS.filter((p) => !p.have());
if (still.length > 0) {
  console.error(`\ninstalled, but still missing: ${still.map((p) => p.what).join('; ')}`);
  process.exit(1);
}
console.log('\nevery peer of the interop tests is installed: npm run test:interop');
