#!/usr/bin/env node
// 构建后预压缩（npm run build 的最后一步）：为 dist/console 下每个可压缩的文件写出 brotli（.br）
// 与 gzip（.gz）副本，服务端按请求的 Accept-Encoding 直接发送，不在每次请求时压缩。
// 只用 Node 自带的 zlib；已压缩的格式（图片、字体）与过小的文件不处理，压缩后不够小的副本不写。
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

/** 值得压缩的扩展名：文本类资源。 */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.xml', '.webmanifest'])
/** 小于此字节数的文件不压缩：省下的不抵压缩头与解压开销。 */
export const MIN_SIZE = 1024
/** 副本须小于原文件的这一比例才写出。 */
const MAX_RATIO = 0.9

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) yield* walk(p)
    else if (e.isFile()) yield p
  }
}

/** 压缩 dir 下的文件，返回写出的副本 [{ file, encoding, size, compressed }]。 */
export function precompress(dir) {
  const written = []
  for (const file of [...walk(dir)]) {
    if (!COMPRESSIBLE.has(path.extname(file).toLowerCase())) continue
    const data = fs.readFileSync(file)
    // index.html is served for every deep link of the console, so it is kept compressed whatever its size.
    if (data.length < MIN_SIZE && path.basename(file) !== 'index.html') continue
    const variants = [
      ['br', '.br', zlib.brotliCompressSync(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      })],
      ['gzip', '.gz', zlib.gzipSync(data, { level: zlib.constants.Z_BEST_COMPRESSION })],
    ]
    for (const [encoding, suffix, out] of variants) {
      if (out.length > data.length * MAX_RATIO) continue
      fs.writeFileSync(file + suffix, out)
      written.push({ file: path.relative(dir, file), encoding, size: data.length, compressed: out.length })
    }
  }
  return written
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/console')
  const written = precompress(dist)
  const sum = (enc, key) => written.filter((w) => w.encoding === enc).reduce((a, w) => a + w[key], 0)
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`
  console.log(`预压缩：${new Set(written.map((w) => w.file)).size} 个文件 ${kb(sum('br', 'size'))} → brotli ${kb(sum('br', 'compressed'))}，gzip ${kb(sum('gzip', 'compressed'))}`)
}
