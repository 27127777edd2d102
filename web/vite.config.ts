/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// 开发时把 /api 与 /readyz 转发给本机运行的 zhifa 服务（ZHIFA_DEV_API 可覆盖地址）。
const apiTarget = process.env.ZHIFA_DEV_API ?? 'http://127.0.0.1:8080'

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    Components({
      dts: 'src/components.d.ts',
      dirs: [],
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
    }),
  ],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/readyz': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    // 构建产物写入 dist/console，由 Go 二进制通过 go:embed 嵌入；dist/placeholder.html 为提交到仓库的占位页，
    // 使未构建前端时 go build 仍可成功，请勿改回 dist。
    outDir: 'dist/console',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 800,
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.spec.ts'],
    // 组件测试渲染 Element Plus 组件：由 Vite 处理其样式导入。
    server: { deps: { inline: ['element-plus'] } },
  },
})
