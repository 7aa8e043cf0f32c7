import { defineConfig } from 'vite';

/**
 * The browser workstation's bundle. cornerstone's DICOM image loader starts its decode workers with
 * `new Worker(new URL('./decodeImageFrameWorker.js', import.meta.url), { type: 'module' })` and the
 * workers import the wasm codecs (OpenJPEG, CharLS, libjpeg-turbo, OpenJPH): Vite bundles both as
 * separate ES module chunks and emits the .wasm files as assets next to them, which esbuild alone
 * does not. The loader is excluded from dependency pre-bundling (the dev server would rewrite the
 * worker URL); `base: './'` keeps every asset URL relative so the server may mount the bundle anywhere.
 */
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
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
