import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { MIN_SIZE, precompress } from '../scripts/precompress.mjs'

describe('构建后预压缩', () => {
  it('writes brotli and gzip copies that decompress to the file, for text assets only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-precompress-'))
    fs.mkdirSync(path.join(dir, 'assets'))
    const js = 'export const 事项 = "占道经营";\n'.repeat(200)
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc.js'), js)
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>' + '<p>门户</p>'.repeat(5)) // small, but served for every deep link
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg/>') // too small to be worth it
    fs.writeFileSync(path.join(dir, 'assets', 'logo.png'), Buffer.alloc(4 * MIN_SIZE)) // compressed already

    const written = precompress(dir)
    expect(written.map((w) => `${w.file} ${w.encoding}`).sort()).toEqual([
      `${path.join('assets', 'index-abc.js')} br`,
      `${path.join('assets', 'index-abc.js')} gzip`,
      'index.html br',
      'index.html gzip',
    ])
    const file = path.join(dir, 'assets', 'index-abc.js')
    expect(zlib.brotliDecompressSync(fs.readFileSync(file + '.br')).toString()).toBe(js)
    expect(zlib.gunzipSync(fs.readFileSync(file + '.gz')).toString()).toBe(js)
    expect(fs.statSync(file + '.br').size).toBeLessThan(js.length / 4)
    expect(fs.existsSync(path.join(dir, 'favicon.svg.br'))).toBe(false)
    expect(fs.existsSync(path.join(dir, 'assets', 'logo.png.gz'))).toBe(false)
    fs.rmSync(dir, { recursive: true })
  })
})
