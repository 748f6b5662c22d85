import { defineConfig } from 'vite';

// The server serves this build from the classpath folder webroot/ (see web-client/pom.xml): the meeting console
// (index.html), the room kiosk (kiosk.html) and the chair's room wall (wall.html).
export default defineConfig({
  build: {
    outDir: 'target/classes/webroot',
    emptyOutDir: true,
    rollupOptions: { input: { main: 'index.html', kiosk: 'kiosk.html', wall: 'wall.html' } },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080', '/ws': { target: 'ws://127.0.0.1:8080', ws: true } },
  },
});
