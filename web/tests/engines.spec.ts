import fs from 'node:fs'
import path from 'node:path'
import semver from 'semver'
import { describe, expect, it } from 'vitest'
import { satisfies } from '../scripts/check-node.mjs'

const root = path.resolve(__dirname, '..')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } }
const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>
}

describe('Node.js 版本要求', () => {
  it('every installed package supports every Node.js version the project claims', () => {
    // What npm ci installed here (optional binaries for other platforms are absent and skipped):
    // each must accept the whole engines range of package.json, or npm ci warns EBADENGINE.
    const range = pkg.engines.node
    const narrower: string[] = []
    for (const [where, info] of Object.entries(lock.packages)) {
      const node = Array.isArray(info.engines) ? undefined : info.engines?.node
      if (!where || !node || !fs.existsSync(path.join(root, where))) continue
      if (!semver.subset(range, node)) narrower.push(`${where}@${info.version}: node ${node}`)
    }
    expect(narrower).toEqual([])
  })

  it('claims Node.js 20 LTS, as the README says', () => {
    expect(semver.satisfies('20.19.0', pkg.engines.node)).toBe(true)
    expect(semver.satisfies('20.18.0', pkg.engines.node)).toBe(false)
  })

  it('the Makefile check reads ranges as npm does', () => {
    const ranges = [pkg.engines.node, '>=20.19.0', '^20.19.0 || >=22.12.0', '>=18 <21', '^22.13.0']
    const versions = ['18.20.4', '20.18.3', '20.19.0', '20.20.2', '21.7.3', '22.11.0', '22.12.0', '24.1.0']
    for (const r of ranges) {
      for (const v of versions) expect(satisfies(v, r), `${v} ${r}`).toBe(semver.satisfies(v, r))
    }
  })
})
