/**
 * The log destination: lines reach the descriptor in order, within the flush delay, at once
 * past 64 KiB, whole when the descriptor takes them piecemeal or is momentarily full, and
 * nothing is left behind when the process exits (process.test.ts reads a real server's logs
 * after SIGTERM).
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { TurnBufferedDestination } from '../../src/plugins/log-destination.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A descriptor that records what reaches it; `take` limits how many bytes one write takes. */
function recorder(take = Number.POSITIVE_INFINITY, failures: string[] = []) {
  const writes: string[] = []
  const write = (_fd: number, data: Uint8Array): number => {
    const code = failures.shift()
    if (code !== undefined) throw Object.assign(new Error(code), { code })
    const n = Math.min(take, data.length)
    writes.push(Buffer.from(data.subarray(0, n)).toString('utf8'))
    return n
  }
  return { writes, write }
}

t.test('lines are written together, in order, shortly after the first', async (t) => {
  const fd = recorder()
  const destination = new TurnBufferedDestination(99, fd.write)
  destination.write('{"a":1}\n')
  destination.write('{"b":"é"}\n')
  t.same(fd.writes, [], 'not one system call per line')
  await sleep(60)
  t.same(fd.writes, ['{"a":1}\n{"b":"é"}\n'], 'one write with both lines, UTF-8 intact')
  destination.write('{"c":3}\n')
  await sleep(60)
  t.same(fd.writes, ['{"a":1}\n{"b":"é"}\n', '{"c":3}\n'], 'a later line is written later')
})

t.test('64 KiB of lines are written at once', async (t) => {
  const fd = recorder()
  const destination = new TurnBufferedDestination(99, fd.write)
  const line = `${'x'.repeat(1023)}\n`
  for (let i = 0; i < 64; i++) destination.write(line)
  t.equal(fd.writes.length, 1)
  t.equal(fd.writes[0]!.length, 64 * 1024)
  destination.flushSync()
  t.equal(fd.writes.length, 1, 'nothing left to write')
})

t.test('partial writes and a full non-blocking pipe lose nothing', async (t) => {
  const fd = recorder(3, ['EAGAIN', 'EAGAIN'])
  const destination = new TurnBufferedDestination(99, fd.write)
  destination.write('line one\n')
  destination.write('line two\n')
  destination.flushSync()
  t.equal(fd.writes.join(''), 'line one\nline two\n')
  const broken = new TurnBufferedDestination(99, recorder(Number.POSITIVE_INFINITY, ['EBADF']).write)
  broken.write('x\n')
  t.throws(() => broken.flushSync(), { code: 'EBADF' }, 'other errors are not swallowed')
})

t.test('what is buffered is written when the process exits', async (t) => {
  const module = fileURLToPath(new URL('../../src/plugins/log-destination.ts', import.meta.url))
  const script = `
    const { TurnBufferedDestination } = await import(${JSON.stringify(module)})
    const d = new TurnBufferedDestination(1)
    d.write('first\\n')
    d.write('second\\n')
    process.exit(0)
  `
  const run = spawnSync(process.execPath, ['--import=@tapjs/typescript/import', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' },
    timeout: 60_000,
  })
  t.equal(run.status, 0, run.stderr)
  t.equal(run.stdout, 'first\nsecond\n')
})
