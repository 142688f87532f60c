import { defineConfig } from "vite";

// `npm run dev` serves the page with hot reload and forwards /api and /healthz to a running
// `suanli serve` (SUANLI_URL, default http://127.0.0.1:8080); `npm run build` writes dist/.
const api = process.env.SUANLI_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "./",
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { "/api": api, "/healthz": api } },
});
