import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCliStore } from '../test-support/cli-harness.js';

const { scratch, atrium } = useCliStore('atrium-render-cli-');

function ihdr(path: string): [number, number, number] {
  const b = readFileSync(path);
  return [b.readUInt32BE(16), b.readUInt32BE(20), b[25]!];
}

describe('atrium render', () => {
  beforeAll(async () => {
    const r = await atrium('import', 'samples/sc/SC_rgb_2frame.dcm', 'samples/mr/MR_small.dcm', 'samples/rt-seg-sr/test-SR.dcm');
    expect(r.code, r.err).toBe(0);
  });

  it('renders a frame of an RGB instance, and a greyscale series given by its uid, with --json', async () => {
    const sc = JSON.parse((await atrium('--json', 'ls', 'instances')).out) as Record<string, string>[];
    const rgb = sc.find((i) => i.SOPClassUID === '1.2.840.10008.5.1.4.1.1.7');
    expect(rgb).toBeDefined();
    const png = join(scratch, 'sc.png');
    const r = await atrium('--json', 'render', rgb!.SOPInstanceUID!, '--out', png, '--frame', '2');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).written).toEqual([{ sopInstanceUID: rgb!.SOPInstanceUID, path: png, width: 100, height: 100, channels: 3 }]);
    expect(ihdr(png)).toEqual([100, 100, 2]);
    const mr = sc.find((i) => i.Modality === 'MR')!;
    const folder = join(scratch, 'mr/');
    const m = await atrium('render', mr.SeriesInstanceUID!, '--out', folder, '--window', '600,1200');
    expect(m.code, m.err).toBe(0);
    expect(m.out).toContain('grey, window 600,1200');
    const names = readdirSync(folder);
    expect(names).toHaveLength(1);
    expect(ihdr(join(folder, names[0]!))).toEqual([64, 64, 0]);
  });

  it('says clearly what is wrong', async () => {
    expect((await atrium('render', 'x')).code).toBe(2);
    expect((await atrium('render', 'x', '--out', join(scratch, 'a.png'), '--window', '40')).err).toContain('--window must be <center>,<width>');
    expect((await atrium('render', 'x', '--out', join(scratch, 'a.png'), '--frame', '0')).err).toContain('--frame must be a frame number from 1');
    const unknown = await atrium('render', '1.2.3.4', '--out', join(scratch, 'a.png'));
    expect([unknown.code, unknown.err]).toEqual([1, expect.stringContaining('ATRIUM_ERR_CLI_UNKNOWN_UID')]);
    const all = JSON.parse((await atrium('--json', 'ls', 'instances')).out) as Record<string, string | number>[];
    const sr = all.find((i) => i.Modality === 'SR')!;
    expect((await atrium('render', String(sr.SOPInstanceUID), '--out', join(scratch, 'a.png'))).err).toContain('ATRIUM_ERR_RENDER_NOT_IMAGE');
    const twoFrames = all.find((i) => i.NumberOfFrames === 2)!;
    const frames = await atrium('render', String(twoFrames.SOPInstanceUID), '--out', join(scratch, 'a.png'), '--frame', '3');
    expect([frames.code, frames.err]).toEqual([1, expect.stringContaining('frame 3 does not exist: the instance has 2 frame(s) [ATRIUM_ERR_RENDER_FRAME]')]);
  });
});
