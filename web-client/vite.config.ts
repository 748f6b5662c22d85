import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

// The server serves this build from the classpath folder webroot/ (see web-client/pom.xml): the tablet app
// (index.html, Svelte), the room kiosk (kiosk.html) and the chair's room wall (wall.html). The service worker
// (Workbox, generateSW) precaches the app shell so the app opens without a network (docs/decisions.md D18);
// meeting documents are kept by the app itself in Cache Storage (src/lib/pdf/doc-cache.ts).
function proxy() {
  const api = process.env.PLENUM_API ?? 'http://127.0.0.1:8080';
  return { '/api': api, '/ws': { target: api.replace(/^http/, 'ws'), ws: true } };
}

export default defineConfig({
  plugins: [
    svelte(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: null, // registered by src/main.ts, only in the tablet app (not in kiosk or wall)
      includeAssets: ['icons/*.png', 'icons/*.svg'],
      manifest: {
        name: 'Plenum — Phòng họp không giấy',
        short_name: 'Plenum',
        description: 'Paperless meeting room: agenda, documents, speakers and votes.',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#f4f6f8',
        theme_color: '#0b4f8a',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,png,woff2,pfb,wasm}'],
        globIgnores: ['kiosk.html', 'wall.html', '**/kiosk-*.js', '**/wall-*.js'],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/ws\//, /^\/whip\//, /^\/whep\//, /^\/kiosk\.html/, /^\/wall\.html/,
          /^\/openapi\.yaml/, /^\/(health|ready|metrics)$/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: { main: 'index.html', kiosk: 'kiosk.html', wall: 'wall.html' } },
  },
  // `npm run dev` / `vite preview` against a running server (PLENUM_API, default ./plenum up's address)
  server: { proxy: proxy() },
  preview: { proxy: proxy() },
});
