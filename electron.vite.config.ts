// Electron build: main (thin shell over src-main), preload (the typed bridge) and the renderer.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from './src-main/host/csp';
import { antdBoxSizingPlugin } from './scripts/vite/antd-box-sizing';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electron/main.ts'),
          // The parse worker of large catalogue imports, loaded next to the bundle (catalogue/stage-pool.ts).
          'catalogue-stage-worker': resolve(__dirname, 'src-main/catalogue/stage-worker.ts'),
        },
      },
      externalizeDeps: true,
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'src-preload/index.ts') }, output: { format: 'cjs' } },
      externalizeDeps: true,
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react(), cspMetaPlugin(), antdBoxSizingPlugin()],
    build: { outDir: 'out/renderer', rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') } },
  },
});
