import { defineErrors, SdkError } from '@atrium/sdk';
import { describe, expect, it } from 'vitest';
import { AtriumError } from '../errors/atrium-error.js';
import { tagPluginError } from './tag-plugin-error.js';

describe('tagPluginError', () => {
  it('names the plugin and uses the fallback code for an uncoded error, keeping the cause', () => {
    const cause = new RangeError('index 9 out of range');
    const e = tagPluginError('acme.alpha', 'ATRIUM_ERR_JOB_FAILED', 'run of acme.alpha.summary', cause);
    expect(e).toMatchObject({ code: 'ATRIUM_ERR_JOB_FAILED', message: 'plugin acme.alpha: run of acme.alpha.summary threw: index 9 out of range', details: { pluginId: 'acme.alpha' } });
    expect(e.cause).toBe(cause);
    expect(tagPluginError('acme.alpha', 'ATRIUM_ERR_PLUGIN_ACTIVATE', 'activate', 'a string')).toMatchObject({ message: 'plugin acme.alpha: activate threw: a string' });
  });

  it('keeps the code and details of a coded error the plugin threw on purpose', () => {
    const e = tagPluginError('acme.alpha', 'ATRIUM_ERR_JOB_FAILED', 'run', new SdkError('ATRIUM_ERR_PARAM_INVALID', 'threshold must be ≥ 0', { parameter: 'threshold' }));
    expect(e).toMatchObject({ code: 'ATRIUM_ERR_PARAM_INVALID', message: 'plugin acme.alpha: run: threshold must be ≥ 0', details: { parameter: 'threshold', pluginId: 'acme.alpha' } });
  });

  it("keeps a plugin's own code (from its defineErrors list), and falls back for one that is not a code", () => {
    const errors = defineErrors({ ATRIUM_ERR_ACME_NO_SEEDS: { message: 'No seeds.', http: 400 } });
    const e = tagPluginError('acme.alpha', 'ATRIUM_ERR_JOB_FAILED', 'run', errors.error('ATRIUM_ERR_ACME_NO_SEEDS', 'give seeds', { n: 0 }));
    expect(e).toMatchObject({ code: 'ATRIUM_ERR_ACME_NO_SEEDS', message: 'plugin acme.alpha: run: give seeds', details: { n: 0, pluginId: 'acme.alpha' } });
    const odd = Object.assign(new Error('odd'), { code: 'ATRIUM_ERR_lower case' });
    expect(tagPluginError('acme.alpha', 'ATRIUM_ERR_JOB_FAILED', 'run', odd).code).toBe('ATRIUM_ERR_JOB_FAILED');
  });

  it('returns an error already tagged for this plugin unchanged', () => {
    const tagged = new AtriumError('ATRIUM_ERR_PLUGIN_LOAD', 'plugin acme.alpha: x', { pluginId: 'acme.alpha' });
    expect(tagPluginError('acme.alpha', 'ATRIUM_ERR_PLUGIN_LOAD', 'load', tagged)).toBe(tagged);
  });
});
