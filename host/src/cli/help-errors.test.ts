import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HOST_ERRORS } from '../errors/codes.js';
import { useCliStore } from './test-support/cli-harness.js';

const cli = useCliStore('atrium-help-errors-');

describe('atrium help errors', () => {
  it("prints every code with its meaning, HTTP and DIMSE status: the host's, the SDK's and the installed plugins' own, opening no store", async () => {
    const r = await cli.atrium('help', 'errors');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^\d+ error codes\./);
    expect(r.out).toContain('  ATRIUM_ERR_STORE_DISK_FULL  (HTTP 507, C-STORE A700)\n      Storing the object would leave less free disk space than minFreeBytes');
    expect(r.out).toContain('  ATRIUM_ERR_PARAM_INVALID  (HTTP 400, SDK)');
    expect(r.out).toMatch(/\nplugin atrium\.calcium-scoring\n {2}ATRIUM_ERR_CALCIUM_REFUSED {2}\(HTTP 422\)/);
    for (const code of Object.keys(HOST_ERRORS)) expect(r.out).toContain(`  ${code}  (`);
    expect(existsSync(cli.store)).toBe(false);
  });

  it('lists them as data with --json, and refuses arguments', async () => {
    const r = await cli.atrium('--json', 'help', 'errors');
    const { errors } = JSON.parse(r.out) as { errors: { code: string; source: string; http: number; dimse?: { service: string; status: string } }[] };
    expect(errors.find((e) => e.code === 'ATRIUM_ERR_VALIDATE_MISSING')).toMatchObject({ source: 'host', http: 400, dimse: { service: 'C-STORE', status: 'A900' } });
    expect(errors.find((e) => e.code === 'ATRIUM_ERR_VOLUME_GEOMETRY')).toMatchObject({ source: 'sdk' });
    expect(errors.find((e) => e.code === 'ATRIUM_ERR_CALCIUM_SEED_MISS')).toMatchObject({ source: 'atrium.calcium-scoring', http: 400 });
    expect(errors.find((e) => e.code === 'ATRIUM_ERR_NM_REFUSED')).toMatchObject({ source: 'atrium.nm-processing', http: 422 });
    expect(errors.find((e) => e.code === 'ATRIUM_ERR_WEB_UNAUTHORIZED')).toMatchObject({ source: 'host', http: 401 });
    expect(errors.find((e) => e.code === 'ATRIUM_ERR_WEB_STUDY_MISMATCH')).toMatchObject({ source: 'host', http: 409, dimse: { service: 'C-STORE', status: 'A900' } });
    expect(await cli.atrium('help', 'errors', 'STORE')).toMatchObject({ code: 2, err: expect.stringContaining('[ATRIUM_ERR_CLI_USAGE]') });
  });
});
