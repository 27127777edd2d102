#!/usr/bin/env node
// 统计首屏所需资源的体积（先运行 npm run build）：
//   入口：index.html 引用的 JS/CSS 及其静态 import；
//   登录页：入口里 /login 路由的按需加载列表（Vite 的 __vite__mapDeps 预加载清单，含 CSS）。
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/console')
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8')
const read = (rel) => fs.readFileSync(path.join(dist, rel))
const gzip = (rel) => zlib.gzipSync(read(rel), { level: 9 }).length
const kb = (n) => `${(n / 1024).toFixed(1)} kB`

/** 递归收集静态 import（相对 assets/ 的文件）。 */
function staticClosure(rel, seen) {
  if (seen.has(rel)) return seen
  seen.add(rel)
  const src = read(rel).toString('utf8')
  for (const m of src.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g)) {
    staticClosure(`assets/${m[1]}`, seen)
  }
  return seen
}

const entryFiles = [...html.matchAll(/(?:src|href)="\/(assets\/[\w.-]+\.(?:js|css))"/g)].map((m) => m[1])
const entry = new Set()
for (const f of entryFiles) {
  if (f.endsWith('.js')) staticClosure(f, entry)
  else entry.add(f)
}

const entryJs = [...entry].find((f) => /assets\/index-.*\.js$/.test(f))
const src = read(entryJs).toString('utf8')
const depList = /m\.f=\[([^\]]*)\]/.exec(src)?.[1]
const deps = depList ? [...depList.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : []
const loginRoute = /import\(["'`]\.\/(LoginView-[\w-]+\.js)["'`]\)\s*,\s*__vite__mapDeps\(\[([\d,\s]*)\]\)/.exec(src)
if (!loginRoute) throw new Error('入口中找不到登录页的按需加载清单')
const login = new Set(loginRoute[2].split(',').map((i) => deps[Number(i)]).filter(Boolean))
login.add(`assets/${loginRoute[1]}`)
for (const f of [...login]) if (f.endsWith('.js')) staticClosure(f, login)

const sum = (files, fn) => [...files].reduce((a, f) => a + fn(f), 0)
const size = (f) => read(f).length
function report(title, files) {
  const js = [...files].filter((f) => f.endsWith('.js'))
  const css = [...files].filter((f) => f.endsWith('.css'))
  console.log(`${title}：JS ${js.length} 个 ${kb(sum(js, size))}（gzip ${kb(sum(js, gzip))}）；CSS ${css.length} 个 ${kb(sum(css, size))}（gzip ${kb(sum(css, gzip))}）`)
}

const loginOnly = new Set([...login].filter((f) => !entry.has(f)))
const firstScreen = new Set([...entry, ...login])
report('入口（所有页面都需要）', entry)
report('登录页额外加载', loginOnly)
report('首屏合计（入口 + 登录页）', firstScreen)
// 预压缩副本（.br、.gz）不是另外的资源，不计入。
const all = fs.readdirSync(path.join(dist, 'assets')).filter((f) => !/\.(br|gz)$/.test(f)).map((f) => `assets/${f}`)
report('全部静态资源', all)
