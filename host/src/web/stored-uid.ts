import { findUid, type ResolvedUid } from '../db/resolve-uid.js';
import { checkUid } from './uid-param.js';
import { webError } from './web-error.js';
import type { WebServices } from './web-services.js';

/** What a UID given to the API names (a study, a series or an instance), checked as a UID first. @throws 400 / 404. */
export function storedUid(services: WebServices, name: string, uid: unknown): ResolvedUid {
  const checked = checkUid(name, uid);
  const found = findUid(services.workstation.index, checked);
  if (!found) throw webError('ATRIUM_ERR_WEB_NOT_FOUND', `no stored study, series or instance has the UID ${checked}`, { uid: checked });
  return found;
}
