import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const apiPort = process.env.SERAMBI_API_PORT ?? 3000;
/** livekit-client itself, whether pnpm links it from its store or not. */
const LIVEKIT_CLIENT = /node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?livekit-client[\\/]/;

export default defineConfig({
  plugins: [solid()],
  server: {
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // livekit-client alone is about 530 kB minified and loads only with the pages that use media.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // LiveKit is large and only pages that use media need it; its own chunk keeps the
          // home page small and lets the browser cache it across app releases.
          groups: [{ name: 'livekit', test: LIVEKIT_CLIENT }],
        },
      },
    },
  },
});
