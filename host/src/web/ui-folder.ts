import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the UI bundle is by default: `host/dist-ui/` (the UI's Vite build writes there). */
export const DEFAULT_UI_FOLDER = fileURLToPath(new URL('../../dist-ui/', import.meta.url));

/** The UI folder to serve: the given one, `$ATRIUM_UI_DIR`, else {@link DEFAULT_UI_FOLDER}; `present` when it holds an `index.html`. */
export function uiFolder(given?: string, env: NodeJS.ProcessEnv = process.env): { folder: string; present: boolean } {
  const folder = resolve(given ?? env.ATRIUM_UI_DIR ?? DEFAULT_UI_FOLDER);
  return { folder, present: existsSync(join(folder, 'index.html')) };
}
