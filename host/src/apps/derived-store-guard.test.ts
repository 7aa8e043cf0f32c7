import { afterEach, describe, expect, it } from 'vitest';
import { Tag } from '@atrium/sdk';
import { makeTempDir, removeTempDir } from '../../../test/support/temp-dir.js';
import { readSample } from '../../../test/support/samples.js';
import { stringElement } from '../io/element-factory.js';
import { parseDicom } from '../io/parse-part10.js';
import { buildFileMeta, writePart10 } from '../io/write-part10.js';
import { openWorkstation } from '../store/open-workstation.js';
import { appSource, checkDerivedTarget } from './derived-store-guard.js';

const SOP = '1.3.6.1.4.1.5962.1.1.4.1.1.20040826185059.5457'; // MR_small

const thrown = (f: () => void): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('a derived object never replaces an instance its app did not write', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach(removeTempDir));

  it('refuses the SOP Instance UID of an import (in any series), accepts the app\'s own earlier output and new UIDs', () => {
    const dir = makeTempDir('derived-guard-');
    dirs.push(dir);
    const ws = openWorkstation(dir);
    try {
      expect(ws.store.receive(readSample('mr/MR_small.dcm'), 'import')).toMatchObject({ status: 'stored' });
      expect(thrown(() => checkDerivedTarget(ws.index, 'acme.copier', 'copy', SOP))).toMatchObject({ code: 'ATRIUM_ERR_APP_STORE_ORIGINAL', details: { receivedFrom: 'import' } });
      // an object the app wrote earlier (same SOP Instance UID) is its to replace
      const mr = parseDicom(readSample('mr/MR_small.dcm'));
      const own = mr.dataset.with(new Map([[Tag.SOPInstanceUID, stringElement(Tag.SOPInstanceUID, 'UI', '2.25.12345')]]));
      expect(ws.store.receive(writePart10({ ...mr, dataset: own, meta: buildFileMeta(own, mr.transferSyntax.uid) }), appSource('acme.copier'))).toMatchObject({ status: 'stored' });
      expect(() => checkDerivedTarget(ws.index, 'acme.copier', 'copy', '2.25.12345')).not.toThrow();
      expect(() => checkDerivedTarget(ws.index, 'acme.other', 'copy', '2.25.12345')).toThrow('did not write');
      expect(() => checkDerivedTarget(ws.index, 'acme.copier', 'copy', '2.25.999')).not.toThrow();
    } finally {
      ws.close();
    }
  });
});
