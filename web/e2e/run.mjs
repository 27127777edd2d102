#!/usr/bin/env node
// 端到端测试入口：自行启动 zhifa 服务（演示数据、临时数据目录、空闲端口），
// 等待 /readyz 就绪后用 node:test 运行 e2e/specs 下的用例，结束后关闭服务并按测试结果退出。
//
//   ZHIFA_BIN        服务二进制路径（默认 ../bin/zhifa，相对 web/）
//   CHROMIUM_PATH    Chromium 路径（默认 /usr/bin/chromium）
//   E2E_ONLY         只运行文件名包含该字符串的用例文件

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
const webDir = path.resolve(here, '..')
const bin = process.env.ZHIFA_BIN ? path.resolve(process.env.ZHIFA_BIN) : path.resolve(webDir, '../bin/zhifa')
const READY_TIMEOUT_MS = 90_000

function fail(message) {
  console.error(`e2e: ${message}`)
  process.exit(1)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function waitReady(baseUrl, server) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) return false
    try {
      const res = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2000) })
      if (res.status === 200) return true
    } catch {
      // 服务尚未监听，稍后重试
    }
    await sleep(250)
  }
  return false
}

function stop(child, graceMs = 5000) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

try {
  fs.accessSync(bin, fs.constants.X_OK)
} catch {
  fail(`找不到可执行的服务二进制 ${bin}；请先在仓库根目录运行 make build，或用 ZHIFA_BIN 指定路径`)
}

const port = await freePort()
const baseUrl = `http://127.0.0.1:${port}`
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhifa-e2e-'))
const logPath = path.join(dataDir, 'server.log')
const log = fs.createWriteStream(logPath)

console.log(`e2e: 启动 ${bin} serve --addr 127.0.0.1:${port} --data-dir ${path.join(dataDir, 'data')} --demo`)
// 数据放在临时目录下的 data，审计锚点默认写在它旁边的 audit-anchors，结束时一并删除。
const server = spawn(bin, ['serve', '--addr', `127.0.0.1:${port}`, '--data-dir', path.join(dataDir, 'data'), '--demo'], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env },
})
server.stdout.pipe(log)
server.stderr.pipe(log)

let testProc = null
const onSignal = async (sig) => {
  if (testProc) testProc.kill(sig)
  await stop(server)
  process.exit(130)
}
process.on('SIGINT', onSignal)
process.on('SIGTERM', onSignal)

function printServerLog() {
  try {
    const text = fs.readFileSync(logPath, 'utf8')
    console.error('--- 服务日志（末尾） ---')
    console.error(text.split('\n').slice(-60).join('\n'))
  } catch {
    // 无日志
  }
}

const started = Date.now()
if (!(await waitReady(baseUrl, server))) {
  printServerLog()
  await stop(server)
  fail('服务未能在限定时间内就绪（GET /readyz 未返回 200）')
}
console.log(`e2e: 服务已就绪（${((Date.now() - started) / 1000).toFixed(1)}s），开始测试`)

const only = process.env.E2E_ONLY ?? ''
const specDir = path.join(here, 'specs')
const files = fs
  .readdirSync(specDir)
  .filter((f) => f.endsWith('.test.mjs') && f.includes(only))
  .sort()
  .map((f) => path.join(specDir, f))
if (files.length === 0) {
  await stop(server)
  fail('没有找到用例文件')
}

fs.mkdirSync(path.join(here, 'screenshots'), { recursive: true })

const code = await new Promise((resolve) => {
  testProc = spawn(
    process.execPath,
    ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    { stdio: 'inherit', cwd: webDir, env: { ...process.env, ZHIFA_E2E_BASE_URL: baseUrl } },
  )
  testProc.on('exit', (c, sig) => resolve(c ?? (sig ? 1 : 0)))
})

if (code !== 0) printServerLog()
await stop(server)
log.end()
// 成功时不再输出，让 node:test 的汇总行保持为最后的输出。
if (code === 0) fs.rmSync(dataDir, { recursive: true, force: true })
else console.error(`e2e: 数据目录保留在 ${dataDir} 以便排查（总耗时 ${((Date.now() - started) / 1000).toFixed(1)}s）`)
process.exit(code)
