import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '..');
const API_TARGET = 'http://127.0.0.1:3000';

/**
 * Vendor chunks: React (with react-dom and the router), antd (with its rc-components, icons and dayjs), then
 * the rest (zod, i18next, react-query). A group also takes its modules' dependencies, so React goes first.
 */
const chunkGroups = [
  { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 30 },
  {
    name: 'antd',
    test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[a-z-]+|dayjs)[\\/]/,
    priority: 20,
  },
  // ECharts only in the pages that draw a chart (their lazy chunks load it), not in every page's vendor chunk.
  { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 25 },
  { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
];

export default defineConfig({
  root: webRoot,
  publicDir: path.join(webRoot, 'public'),
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { output: { codeSplitting: { groups: chunkGroups } } },
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': {
        target: API_TARGET,
        changeOrigin: true,
        // The server checks that Origin matches Host on mutations; in dev the browser's origin is Vite's.
        configure: (proxy) => {
          proxy.on('proxyReq', (req) => {
            if (req.getHeader('origin')) req.setHeader('origin', API_TARGET);
          });
        },
      },
    },
  },
});
