/**
 * The compiled app worker (`host/dist/apps/app-worker.js`). Workers run compiled
 * JavaScript; when this module itself runs from the TypeScript sources (tests), the URL
 * still points at the build output, so build first (`npx tsc -b`).
 */
export function appWorkerUrl(): URL {
  const here = import.meta.url;
  const compiled = here.includes('/host/src/') ? here.replace('/host/src/', '/host/dist/').replace(/\.ts$/, '.js') : here;
  return new URL('./app-worker.js', compiled);
}
