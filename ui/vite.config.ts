import { defineConfig } from 'vite';

/**
 * The browser workstation's bundle. cornerstone's DICOM image loader starts its decode workers with
 * `new Worker(new URL('./decodeImageFrameWorker.js', import.meta.url), { type: 'module' })` and the
 * workers import the wasm codecs (OpenJPEG, CharLS, libjpeg-turbo, OpenJPH): Vite bundles both as
 * separate ES module chunks and emits the .wasm files as assets next to them, which esbuild alone
 * does not. The loader is excluded from dependency pre-bundling (the dev server would rewrite the
 * worker URL). The server serves the bundle from host/dist-ui at `/` (docs/web-api.md, "The UI
 * bundle"), answering index.html for other paths: asset URLs are absolute (`base: '/'`) so that a
 * page reloaded at a deeper path still finds them.
 */
export default defineConfig({
  base: '/',
  build: {
    outDir: '../host/dist-ui',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  worker: { format: 'es' },
  optimizeDeps: {
    exclude: ['@cornerstonejs/dicom-image-loader'],
    include: ['dicom-parser'],
  },
});
