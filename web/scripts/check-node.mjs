#!/usr/bin/env node
// 检查本机 Node.js 是否满足 package.json 的 engines.node（make 在安装依赖与构建前调用）。
// 在 npm ci 之前运行，因此不依赖任何 npm 包；只认 engines 里用到的写法：
// 以 || 分隔的若干组，每组是空格分隔的 ^X.Y.Z、>=X.Y.Z、>X.Y.Z、<X.Y.Z、<=X.Y.Z 或 X.Y.Z。
// 旧版 Node 也要能跑到报错这一步，所以只用最基本的语法。
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** "20.19.0" → [20, 19, 0]（缺省部分为 0，去掉前导 v）。 */
export function parseVersion(s) {
  const parts = String(s).trim().replace(/^v/, '').split('.')
  const out = [0, 0, 0]
  for (let i = 0; i < 3; i++) {
    const n = Number.parseInt(parts[i] ?? '0', 10)
    if (Number.isNaN(n)) throw new Error(`无法识别的版本号：${s}`)
    out[i] = n
  }
  return out
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return 0
}

function satisfiesComparator(v, c) {
  const m = /^(\^|>=|<=|>|<|=)?\s*(v?\d+(?:\.\d+){0,2})$/.exec(c)
  if (!m) throw new Error(`无法识别的版本范围：${c}`)
  const op = m[1] ?? '='
  const want = parseVersion(m[2])
  const cmp = compare(v, want)
  switch (op) {
    case '^':
      // ^X.Y.Z（X ≥ 1）：>= X.Y.Z 且主版本相同。
      return cmp >= 0 && v[0] === want[0]
    case '>=':
      return cmp >= 0
    case '<=':
      return cmp <= 0
    case '>':
      return cmp > 0
    case '<':
      return cmp < 0
    default:
      return cmp === 0
  }
}

/** 版本 version 是否满足范围 range（如 "^20.19.0 || >=22.12.0"）。 */
export function satisfies(version, range) {
  const v = parseVersion(version)
  return range.split('||').some((set) => {
    const comparators = set.trim().replace(/(\^|>=|<=|>|<|=)\s+/g, '$1').split(/\s+/).filter(Boolean)
    return comparators.length > 0 && comparators.every((c) => satisfiesComparator(v, c))
  })
}

function main() {
  const pkgPath = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'package.json')
  const range = JSON.parse(fs.readFileSync(pkgPath, 'utf8')).engines.node
  const current = process.versions.node
  if (!satisfies(current, range)) {
    console.error(`Node.js ${range} is required to build the console (web/package.json "engines"); this machine has v${current}.`)
    console.error(`需要 Node.js ${range} 才能构建控制台，本机为 v${current}。请安装 Node.js 20 LTS（20.19 或更新）或 22.12 以上版本后重试。`)
    process.exit(1)
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main()
