/** (Kept where the job modules import it from; the id is in core, below the store that names temp files by it.) */
export { hostId } from '../core/host-id.js';
