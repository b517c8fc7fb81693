import { defineConfig } from 'vite';

// Preact's automatic JSX runtime through Vite's own transform (Oxc), so no Babel plugin is needed.
// The host serves dist/ at "/", so asset URLs are absolute from the root.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    // `npm run dev` against a host started by ./sora up.
    proxy: {
      '/graphql': { target: 'http://127.0.0.1:5080', ws: true },
      '/media': 'http://127.0.0.1:5080',
      '/cameos': 'http://127.0.0.1:5080',
      '/audit': 'http://127.0.0.1:5080',
    },
  },
});
