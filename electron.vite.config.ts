import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { contentSecurityPolicy } from './main/security/csp';

const root = import.meta.dirname;

/** The CSP meta tag goes into the built page only: the dev server needs inline scripts for hot reload. */
function productionCsp(): Plugin {
  return {
    name: 'reciprocal-production-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy()}" />`),
  };
}

/** The PDF fonts and their licences, copied to out/main/fonts/, where main/pdf/fonts.ts finds them in the app. */
function pdfFonts(): Plugin {
  const dir = resolve(root, 'main/pdf/fonts');
  return {
    name: 'reciprocal-pdf-fonts',
    apply: 'build',
    generateBundle() {
      for (const file of readdirSync(dir)) this.emitFile({ type: 'asset', fileName: `fonts/${file}`, source: readFileSync(resolve(dir, file)) });
    },
  };
}

export default defineConfig({
  main: {
    plugins: [pdfFonts()],
    define: { __RECIPROCAL_BUILD_DATE__: JSON.stringify(new Date().toISOString().slice(0, 10)) },
    build: {
      outDir: 'out/main',
      // The job worker is its own entry: worker_threads load it from a file next to index.js.
      rollupOptions: { input: { index: resolve(root, 'main/electron/index.ts'), 'jobs-worker': resolve(root, 'main/jobs/worker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can only require('electron'): bundle everything else into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), productionCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
