/**
 * A headless Chromium for the browser tests, with nothing installed beyond `npm ci`: the
 * binary ships inside the @sparticuz/chromium package (brotli-compressed) and is unpacked once
 * into the system's temp folder. CHROMIUM_PATH names another browser (e.g. Debian's
 * /usr/bin/chromium) and is used as given.
 *
 * Unpacking is guarded by a lock folder, because tap runs test files in parallel processes
 * and @sparticuz/chromium returns /tmp/chromium as soon as the file exists, even half written.
 */
import sparticuz from '@sparticuz/chromium'
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import type { Test } from 'tap'
import { chromium, type Browser, type Page } from 'playwright-core'
import { buildApp } from '../../src/app.js'

const LOCK = join(tmpdir(), 'convertible-default-chromium.lock')
const READY = join(tmpdir(), 'convertible-default-chromium.ready')
const UNPACK_TIMEOUT_MS = 180_000

/**
 * The flags: headless without a sandbox (tests run as root in CI), software GL, and no
 * background traffic (the machine has no network; Chromium would otherwise try Google's hosts).
 * Not @sparticuz/chromium's own list: it adds --single-process (the browser ends when its last
 * page closes) and --disable-web-security (which would hide what the service's CSP and CORS do).
 */
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--use-gl=angle',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--font-render-hinting=none',
]

async function unpackedChromium(): Promise<string> {
  const deadline = Date.now() + UNPACK_TIMEOUT_MS
  for (;;) {
    if (existsSync(READY) && existsSync(join(tmpdir(), 'chromium'))) return join(tmpdir(), 'chromium')
    let locked = false
    try {
      mkdirSync(LOCK)
      locked = true
    } catch {
      // Another process is unpacking; a lock older than the timeout was left by a killed one.
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })!.mtimeMs > UNPACK_TIMEOUT_MS)
        rmSync(LOCK, { recursive: true, force: true })
    }
    if (locked) {
      try {
        // A binary left without the ready mark may be a torn write: unpack it again.
        rmSync(join(tmpdir(), 'chromium'), { force: true })
        const path = await sparticuz.executablePath()
        writeFileSync(READY, path)
        return path
      } finally {
        rmSync(LOCK, { recursive: true, force: true })
      }
    }
    if (Date.now() > deadline)
      throw new Error(`Chromium was not unpacked within ${UNPACK_TIMEOUT_MS} ms (lock ${LOCK})`)
    await sleep(250)
  }
}

/** The browser's path: CHROMIUM_PATH when set, else the one shipped by @sparticuz/chromium. */
async function chromiumPath(): Promise<string> {
  const given = process.env['CHROMIUM_PATH']
  if (given) {
    if (!existsSync(given)) throw new Error(`CHROMIUM_PATH=${given} does not exist`)
    return given
  }
  return unpackedChromium()
}

export async function launchChromium(timeout = 60_000): Promise<Browser> {
  return chromium.launch({
    executablePath: await chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    timeout,
    // The fonts that ship with the browser, where the machine has none of its own.
    env: { ...process.env, FONTCONFIG_PATH: process.env['FONTCONFIG_PATH'] ?? join(tmpdir(), 'fonts') },
  })
}

/** The service on a free loopback port and a browser to open it with, both closed when `t` ends. */
export async function serveToBrowser(t: Test, timeout: number): Promise<{ base: string; browser: Browser }> {
  const app = buildApp({ maxEventLoopDelayMs: 0 })
  t.teardown(() => app.close())
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const browser = await launchChromium(timeout)
  t.teardown(() => browser.close())
  return { base, browser }
}

const RESULTS = fileURLToPath(new URL('../../test-results/', import.meta.url))

/** On a failure, the page as it stood: a screenshot and its HTML in test-results/ (gitignored). */
export async function saveEvidence(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true })
  const file = `${RESULTS}${name}.png`
  await page.screenshot({ path: file, fullPage: true, timeout: 10_000 }).catch(() => {})
  writeFileSync(`${RESULTS}${name}.html`, await page.content().catch(() => ''))
  return file
}
