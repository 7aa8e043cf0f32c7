import { AtriumError } from '../errors/atrium-error.js';
import { uidRootProblem } from '../io/uid-root.js';

/** How the `dar-9500f` preset is named in notes and messages. */
export const DAR_9500F_LABEL = 'DAR-9500f preset (Shimadzu DAR-9500f conformance statement §5.2.2)';

/**
 * The roots of the `dar-9500f` preset (Shimadzu DAR-9500f conformance statement §5.2.2): the
 * anonymization root `<root>.66` is used for SOP Instance UIDs only; study, series and every other
 * UID are made under the organisation root itself. The attributes follow the PS3.15 Basic Profile
 * and its options as without a preset. The organisation root is required: under the UUID root
 * 2.25 a `.66` arc would make UIDs that are not UUID-derived (ATRIUM_ERR_DEID_UID_ROOT), and
 * it follows the rule of the `uidRoot` setting (at most 40 characters, so `<root>.66` and its
 * digits fit in 64).
 */
export function dar9500fRoots(uidRoot: string | undefined): { root: string; instanceRoot: string } {
  const root = uidRoot?.replace(/\.$/, '');
  if (root === undefined || root === '' || root === '2.25') {
    throw new AtriumError('ATRIUM_ERR_DEID_UID_ROOT', `the ${DAR_9500F_LABEL} makes SOP Instance UIDs under <root>.66 of an organisation root: give --uid-root or set one (atrium config set uidRoot 1.2.392.200036.9110)`, { preset: 'dar-9500f' });
  }
  // The organisation root's own rule (as `atrium config set uidRoot`): a longer one leaves <root>.66 too little room.
  const problem = uidRootProblem(root);
  if (problem !== undefined) throw new AtriumError('ATRIUM_ERR_DEID_UID_ROOT', `the ${DAR_9500F_LABEL} needs an organisation root: ${problem}`, { preset: 'dar-9500f', uidRoot: root });
  return { root, instanceRoot: `${root}.66` };
}
