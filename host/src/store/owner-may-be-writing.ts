/** (Kept where the store modules import it from; the check is in core, below the db's `HostLiveness`.) */
export { ownerMayBeWriting } from '../core/owner-may-be-writing.js';
