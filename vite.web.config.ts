// Builds the renderer for web mode (served by the web host) into out/renderer.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { cspMetaPlugin } from './src-main/host/csp';
import { antdBoxSizingPlugin } from './scripts/vite/antd-box-sizing';

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), cspMetaPlugin(), antdBoxSizingPlugin()],
  build: { outDir: '../out/renderer', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
});
