import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The dispatcher app. `npm start` builds it into web/dist (see src/http/web-app/build-web-app.ts). */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/demo': 'http://127.0.0.1:3000' } },
});
