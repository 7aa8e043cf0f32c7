import { safePrivateAttribute } from '@atrium/sdk';
import type { DataSet } from '../io/data-set.js';

/**
 * The private elements of one data set (or item) that the Retain Safe Private Option keeps
 * (PS3.15 E.3.10): those PS3.15 Table E.3.10-1 lists for their group, the Private Creator that
 * reserves their block (gggg,00xx) and their element byte, whose VR is the table's (or UN, as
 * read from Implicit VR, or any when the table gives none); with them the Private Creator elements
 * of the blocks they are in, "required to fully define the retained Private Attributes". Every
 * other private element is removed. Elements of a block without a Private Creator are never kept.
 * Returns each kept tag with the VR the table gives ('' for none; LO for the creators).
 */
export function safePrivateElements(ds: DataSet): ReadonlyMap<number, string> {
  const kept = new Map<number, string>();
  for (const e of ds.elements) {
    const tag = e.tag >>> 0;
    const group = tag >>> 16;
    const block = (tag >>> 8) & 0xff;
    if ((group & 1) === 0 || block < 0x10) continue;
    const creatorTag = ((group << 16) | block) >>> 0;
    const creator = ds.get(creatorTag) === undefined ? undefined : ds.string(creatorTag);
    if (creator === undefined) continue;
    const row = safePrivateAttribute(group, creator, tag & 0xff);
    if (row === undefined || (row.vr !== '' && e.vr !== row.vr && e.vr !== 'UN')) continue;
    kept.set(tag, row.vr);
    kept.set(creatorTag, 'LO');
  }
  return kept;
}
