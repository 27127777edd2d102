import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '..')
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }

describe('接口类型由服务端的 OpenAPI 文档生成', () => {
  it('src/api/schema.ts is what `npm run gen:api` makes of src/api/openapi.json', () => {
    // The same command as the npm script, writing to a temporary file instead.
    const [bin, ...args] = pkg.scripts['gen:api']!.split(' ')
    expect(bin).toBe('openapi-typescript')
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-schema-')), 'schema.ts')
    const o = args.indexOf('-o')
    expect(args[o + 1]).toBe('src/api/schema.ts')
    args[o + 1] = out
    execFileSync(process.execPath, [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), ...args], { cwd: root, stdio: 'pipe' })
    const fresh = fs.readFileSync(out, 'utf8')
    const committed = fs.readFileSync(path.join(root, 'src/api/schema.ts'), 'utf8')
    if (committed !== fresh) {
      throw new Error('web/src/api/schema.ts differs from what web/src/api/openapi.json generates: run `make generate` and commit it.')
    }
  }, 60_000)

  it('names the permissions and roles the server publishes, not a copy', () => {
    const doc = JSON.parse(fs.readFileSync(path.join(root, 'src/api/openapi.json'), 'utf8')) as {
      components: { schemas: Record<string, { enum?: string[] }> }
    }
    const schema = fs.readFileSync(path.join(root, 'src/api/schema.ts'), 'utf8')
    for (const name of ['access.Permission', 'access.Role']) {
      const values = doc.components.schemas[name]?.enum ?? []
      expect(values.length).toBeGreaterThan(5)
      expect(schema).toContain(`"${name}": ${values.map((v) => `"${v}"`).join(' | ')};`)
    }
  })
})
