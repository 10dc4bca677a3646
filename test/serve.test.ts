import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

/*
 * `uptake serve` as a user starts it: a real process (through npm, the bin script or node with
 * tsx's loader), a real port, real signals. The built web app is stood in for by a one-file
 * folder (UPTAKE_RENDERER_DIR), so these tests need no `vite build`.
 */
const root = path.resolve(import.meta.dirname, '..');
const tmp = tempDir('uptake-serve-');
const statics = path.join(tmp.dir, 'renderer');
fs.mkdirSync(statics);
fs.writeFileSync(path.join(statics, 'index.html'), '<!doctype html><title>Uptake</title>');
const uploadsTmp = path.join(tmp.dir, 'tmp');
fs.mkdirSync(uploadsTmp);
const SLOW = 240_000;
const started: ChildProcess[] = [];

afterEach(() => {
  // Whatever a failed test left running, grandchildren included: each child leads its own
  // process group, which outlives the child while any of its members runs.
  for (const child of started.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The whole group is gone.
    }
  }
});
afterAll(() => tmp.cleanup());

type How = 'npm' | 'bin' | 'node';
const commands: Record<How, (args: string[]) => [string, string[]]> = {
  npm: (args) => ['npm', ['run', '-s', 'uptake', '--', ...args]],
  bin: (args) => [process.execPath, [path.join(root, 'scripts', 'uptake.mjs'), ...args]],
  node: (args) => [process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'uptake.ts'), ...args]],
};

function run(how: How, args: string[], env: Record<string, string> = {}) {
  const [command, argv] = commands[how](args);
  const child = spawn(command, argv, {
    cwd: root,
    env: { ...process.env, UPTAKE_DB: '', UPTAKE_RENDERER_DIR: statics, TMPDIR: uploadsTmp, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  started.push(child);
  const output = { out: '', err: '' };
  child.stdout?.on('data', (c: Buffer) => {
    output.out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    output.err += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output, exited };
}

interface Served {
  child: ChildProcess;
  output: { out: string; err: string };
  exited: Promise<number | null>;
  url: string;
  origin: string;
  token: string;
  database: string;
}

async function serve(how: How, name: string): Promise<Served> {
  const database = path.join(tmp.dir, `${name}.db`);
  const r = run(how, ['--db', database, 'serve', '--port', '0']);
  const printed = await Promise.race([
    (async () => {
      for (;;) {
        try {
          return JSON.parse(r.output.out) as { url: string };
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    })(),
    r.exited.then((code) => {
      throw new Error(`serve exited (${code}) before printing its URL:\n${r.output.err}`);
    }),
  ]);
  const url = new URL(printed.url);
  return { ...r, url: printed.url, origin: url.origin, token: url.searchParams.get('token') ?? '', database };
}

/** Whether anything still answers on the host's port. */
async function answers(origin: string): Promise<boolean> {
  try {
    await fetch(origin, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

describe('uptake serve: mistakes are exit 1 with what to do, and change nothing', () => {
  it(
    'refuses --port abc, a port in use and a missing web app build, creating no database',
    async () => {
      const busy = net.createServer();
      await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
      const port = (busy.address() as net.AddressInfo).port;
      try {
        const db = (name: string) => path.join(tmp.dir, `${name}.db`);
        const emptyDir = path.join(tmp.dir, 'not-built');
        fs.mkdirSync(emptyDir);
        const [badPort, inUse, notBuilt] = [
          run('node', ['--db', db('bad-port'), 'serve', '--port', 'abc']),
          run('node', ['--db', db('in-use'), 'serve', '--port', String(port)]),
          run('node', ['--db', db('not-built'), 'serve'], { UPTAKE_RENDERER_DIR: emptyDir }),
        ];
        const cases: [typeof badPort, RegExp][] = [
          [badPort, /--port.*expected a whole number from 0 to 65535, got "abc"/],
          [inUse, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use .*Pass another --port, or leave --port out`)],
          [
            notBuilt,
            /UPTAKE_RENDERER_DIR is set to .*not-built, which holds no web app build \(.*not-built.index\.html is missing\)\. Point UPTAKE_RENDERER_DIR at a build of the renderer/,
          ],
        ];
        for (const [r, message] of cases) {
          expect(await r.exited, r.output.err).toBe(1);
          expect(r.output.err).toMatch(message);
          expect(r.output.err).not.toMatch(/internal error|\n\s+at /);
        }
        expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.db'))).toEqual([]);
      } finally {
        busy.close();
      }
    },
    SLOW,
  );
});

describe('uptake serve --open', () => {
  it(
    'says to open the URL by hand when the browser opener fails (xdg-open exits 3: no browser), and not when it succeeds',
    async () => {
      const bin = (name: string, code: number) => {
        const dir = path.join(tmp.dir, name);
        fs.mkdirSync(dir);
        const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
        fs.writeFileSync(path.join(dir, opener), `#!/bin/sh\necho "$1" > "${dir}/opened"\nexit ${code}\n`, { mode: 0o755 });
        return dir;
      };
      const failing = bin('no-browser', 3);
      const working = bin('a-browser', 0);
      for (const [dir, fails] of [
        [failing, true],
        [working, false],
      ] as const) {
        const r = run('bin', ['--db', path.join(tmp.dir, `open-${fails}.db`), 'serve', '--open'], {
          PATH: `${dir}${path.delimiter}${process.env.PATH ?? ''}`,
        });
        await expect.poll(() => fs.existsSync(path.join(dir, 'opened')), { timeout: 60_000, interval: 100 }).toBe(true);
        const url = fs.readFileSync(path.join(dir, 'opened'), 'utf8').trim();
        expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
        if (fails) {
          await expect.poll(() => r.output.err, { timeout: 10_000 }).toContain(`Could not open a browser; open ${url} yourself.`);
        } else {
          await new Promise((resolve) => setTimeout(resolve, 500));
          expect(r.output.err).not.toContain('Could not open a browser');
        }
        process.kill(r.child.pid ?? 0, 'SIGTERM');
        expect(await r.exited, r.output.err).toBe(0);
      }
    },
    SLOW,
  );
});

describe('uptake serve: stopping', () => {
  it(
    'stops when npm run uptake -- serve is sent SIGTERM (npm passes it only to its shell)',
    async () => {
      const host = await serve('npm', 'npm-term');
      expect(await answers(host.origin)).toBe(true);
      process.kill(host.child.pid ?? 0, 'SIGTERM');
      await expect.poll(() => answers(host.origin), { timeout: 15_000, interval: 250 }).toBe(false);
      // Stopped cleanly: the database was closed, which removes its write-ahead log.
      await expect.poll(() => fs.existsSync(`${host.database}-wal`), { timeout: 5_000 }).toBe(false);
    },
    SLOW,
  );

  it(
    'stops cleanly on SIGTERM and SIGINT when started through the bin script, exit code 0',
    async () => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        const host = await serve('bin', `bin-${signal}`);
        expect(await answers(host.origin)).toBe(true);
        process.kill(host.child.pid ?? 0, signal);
        expect(await host.exited, host.output.err).toBe(0);
        expect(await answers(host.origin)).toBe(false);
        expect(host.output.err).toContain(`Stopping (${signal})`);
        expect(fs.existsSync(`${host.database}-wal`)).toBe(false);
      }
    },
    SLOW,
  );
});

/** Every process below `pid` (children, grandchildren…), from /proc. */
function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …: the command may hold spaces and parentheses, so read after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Gone while listing.
    }
  }
  const found: number[] = [];
  for (let wanted = [pid]; wanted.length > 0; ) {
    const next = [...parents].filter(([, parent]) => wanted.includes(parent)).map(([child]) => child);
    found.push(...next);
    wanted = next;
  }
  return found;
}

/** Whether a process still runs (a zombie waiting to be reaped does not). */
function running(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe.runIf(process.platform === 'linux')('npm start (the web host where Electron is not installed): stopping', () => {
  it(
    'stops start.mjs, npm run web and the web host when npm start is sent SIGTERM (npm passes it only to its shell)',
    async () => {
      const database = path.join(tmp.dir, 'npm-start.db');
      const bin = path.join(tmp.dir, 'start-bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'xdg-open'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      const child = spawn('npm', ['start'], {
        cwd: root,
        // No Electron binary, whatever is installed: start.mjs falls back to `npm run web`.
        env: {
          ...process.env,
          ELECTRON_OVERRIDE_DIST_PATH: path.join(tmp.dir, 'no-electron'),
          UPTAKE_DB: database,
          PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      started.push(child);
      let out = '';
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
      });
      child.stderr?.on('data', (c: Buffer) => {
        out += c.toString();
      });
      // 'exit', not 'close': processes left running would hold its stdout open.
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await expect.poll(() => /"url": "(http:\/\/[^"]+)"/.exec(out)?.[1], { timeout: 180_000, interval: 250 }).toBeTruthy();
      const origin = new URL(/"url": "(http:\/\/[^"]+)"/.exec(out)?.[1] ?? '').origin;
      expect(await answers(origin)).toBe(true);
      const below = descendants(child.pid ?? 0);
      // npm's shell, start.mjs, npm run web, its shell and the web host at least.
      expect(below.length, out).toBeGreaterThanOrEqual(5);
      try {
        process.kill(child.pid ?? 0, 'SIGTERM');
        await exited;
        await expect.poll(() => answers(origin), { timeout: 15_000, interval: 250 }).toBe(false);
        await expect.poll(() => below.filter(running), { timeout: 15_000, interval: 250 }).toEqual([]);
        // Stopped cleanly: the web host closed the database, which removes its write-ahead log.
        expect(fs.existsSync(`${database}-wal`)).toBe(false);
        expect(out).toContain('Stopping (the npm process that started it has exited).');
      } finally {
        for (const pid of below.filter(running)) process.kill(pid, 'SIGKILL');
      }
    },
    SLOW,
  );
});

/** Sends raw bytes, returns whatever comes back before the host closes or a short wait ends. */
function rawRequest(origin: string, bytes: string | Buffer, wait = 2000): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(wait, done);
    socket.on('data', (c) => {
      answer += c.toString('latin1');
      // One answer is enough; the next request on this connection is not the test's.
      if (/\r\n\r\n/.test(answer)) setTimeout(done, 50);
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
  });
}

describe('uptake serve: one request never ends the host', () => {
  it(
    'survives malformed paths, % escapes, cookies, headers and bodies (fuzz), and keeps serving',
    async () => {
      const host = await serve('node', 'fuzz');
      const hostHeader = new URL(host.origin).host;
      const cookieName = `uptake_token_${new URL(host.origin).port}`;
      const request = (line: string, headers: string[], body = '') =>
        `${line}\r\nHost: ${hostHeader}\r\n${headers.map((h) => `${h}\r\n`).join('')}Connection: close\r\n\r\n${body}`;
      const auth = `Authorization: Bearer ${host.token}`;
      const fixed = [
        request('GET / HTTP/1.1', ['Cookie: other=100%']),
        request('GET /%zz HTTP/1.1', [auth]),
        request('GET /%zz HTTP/1.1', [`Cookie: ${cookieName}=${host.token}; x=%E0%A4%A`]),
        request('GET /%E0%A4%A HTTP/1.1', [auth]),
        request('GET /%00 HTTP/1.1', [auth]),
        request('GET /..%2f..%2f..%2fetc%2fpasswd HTTP/1.1', [auth]),
        request('GET //evil.example/ HTTP/1.1', [auth]),
        request('GET * HTTP/1.1', [auth]),
        request(`GET http://${hostHeader}/ HTTP/1.1`, [auth]),
        request(`GET /?token=%zz HTTP/1.1`, []),
        request(`GET /?token=${host.token}%zz HTTP/1.1`, []),
        request('GET / HTTP/1.1', [`Cookie: =;=%;;%%;${cookieName}=%zz; ${cookieName}`]),
        request('GET / HTTP/1.1', [`Authorization: Bearer %zz`]),
        request('GET / HTTP/1.1', [`Origin: %zz`, auth]),
        request('GET / HTTP/1.1', [`X-Long: ${'a'.repeat(20_000)}`]),
        `GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n`,
        `GET / HTTP/1.1\r\n\r\n`,
        'NOT-HTTP\r\n\r\n',
        Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]),
        request('POST /rpc/teams/create HTTP/1.1', [auth, 'Content-Type: application/json', 'Content-Length: 9'], '{"json":'),
        request('POST /rpc/teams/create HTTP/1.1', [auth, 'Content-Type: application/json', 'Content-Length: 100'], '{"json"'),
        request('POST /rpc/teams%zz/create HTTP/1.1', [auth, 'Content-Type: application/json', 'Content-Length: 2'], '{}'),
        request(
          'POST /rpc/imports/upload HTTP/1.1',
          [auth, 'x-uptake-rpc: 1', 'Content-Type: multipart/form-data', 'Content-Length: 5'],
          'hello',
        ),
        request(
          'POST /rpc/imports/upload HTTP/1.1',
          [auth, 'x-uptake-rpc: 1', 'Content-Type: multipart/form-data; boundary=b', 'Content-Length: 500'],
          '--b\r\nContent-Disposition: form-data; name="0"; filename="%zz.csv"\r\n\r\nmonth,team',
        ),
        request(
          'POST /rpc/imports/upload HTTP/1.1',
          [auth, 'x-uptake-rpc: 1', 'Content-Type: multipart/form-data; boundary=b', 'Transfer-Encoding: chunked'],
          '5\r\n--b\r\n\r\nzz\r\n',
        ),
      ];
      // Generated: request targets and cookie headers full of %, odd bytes and separators.
      const piece = fc.constantFrom(
        '%',
        '%z',
        '%zz',
        '%E0',
        '%A4%A',
        '%25',
        '/',
        '//',
        '\\',
        '..',
        '.',
        '?',
        '#',
        ';',
        '=',
        ' ',
        'é',
        '\u00ff',
        'a',
        'token=',
        host.token,
        cookieName,
      );
      const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
      const generated = fc
        .sample(fc.tuple(text, text, fc.boolean()), { numRuns: 150, seed: 12 })
        .map(([target, cookie, withAuth]) =>
          request(`GET /${target.replaceAll(' ', '%20')} HTTP/1.1`, [`Cookie: ${cookie}`, ...(withAuth ? [auth] : [])]),
        );
      for (const bytes of [...fixed, ...generated]) {
        const answer = await rawRequest(host.origin, bytes);
        expect(answer, String(bytes).slice(0, 200)).not.toMatch(/root:x?:0:0/);
        expect(host.child.exitCode, `${String(bytes).slice(0, 200)}\n${host.output.err}`).toBeNull();
      }
      // An upload cut off halfway.
      const cut = net.connect(Number(new URL(host.origin).port), '127.0.0.1');
      cut.write(
        request(
          'POST /rpc/imports/upload HTTP/1.1',
          [auth, 'x-uptake-rpc: 1', 'Content-Type: multipart/form-data; boundary=b', 'Content-Length: 100000'],
          `--b\r\nContent-Disposition: form-data; name="0"; filename="u.csv"\r\n\r\n${'x'.repeat(5000)}`,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      cut.destroy();
      await new Promise((resolve) => setTimeout(resolve, 300));

      expect(host.child.exitCode, host.output.err).toBeNull();
      expect(host.output.err).not.toMatch(/URIError|Uncaught|ERR_/);
      const page = await fetch(`${host.origin}/`, { headers: { authorization: `Bearer ${host.token}` } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Uptake</title>');
      // Nothing of the cut-off or refused uploads is left in the temp folder.
      await expect.poll(() => fs.readdirSync(uploadsTmp).filter((f) => f.startsWith('uptake-upload-'))).toEqual([]);
    },
    SLOW,
  );
});

/** Peak resident memory of a process, from /proc (Linux). */
function peakKiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
}

describe.runIf(process.platform === 'linux')('uptake serve: uploads', () => {
  it(
    'streams a 256 MiB upload to a temp file instead of holding it in memory',
    async () => {
      const host = await serve('node', 'upload');
      const pid = host.child.pid ?? 0;
      // A workspace to import into (this also loads the handlers); then the peak so far is the base.
      const init = await fetch(`${host.origin}/rpc/workspace/init`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ json: { workspace: 'Acme', me: 'Dana Lee' } }),
      });
      expect(init.status).toBe(200);
      const base = peakKiB(pid);
      const size = 256 * 1024 * 1024;
      const boundary = 'uptake-test-boundary';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({ json: { kind: 'usage', file: {} }, maps: [['file']] })}\r\n--${boundary}\r\nContent-Disposition: form-data; name="0"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      const line = Buffer.from('not,the,usage,header,at,all\n'.padEnd(1024, 'x'));
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request(
          `${host.origin}/rpc/imports/upload`,
          {
            method: 'POST',
            headers: {
              authorization: `Bearer ${host.token}`,
              'x-uptake-rpc': '1',
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': head.length + size + tail.length,
            },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => {
              body += c.toString();
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.write(head);
        let sent = 0;
        const pump = () => {
          while (sent < size) {
            sent += line.length;
            if (!req.write(line)) {
              req.once('drain', pump);
              return;
            }
          }
          req.end(tail);
        };
        pump();
      });
      // The import read the streamed file and refused its header: the upload arrived whole.
      expect(answer.status, answer.body).toBe(400);
      expect(JSON.parse(answer.body).json.message).toMatch(/huge\.csv.*header/);
      const grew = (peakKiB(pid) - base) / 1024;
      expect(grew, `peak memory grew by ${grew.toFixed(0)} MiB`).toBeLessThan(96);
      await expect.poll(() => fs.readdirSync(uploadsTmp).filter((f) => f.startsWith('uptake-upload-'))).toEqual([]);
      expect(host.child.exitCode).toBeNull();
    },
    SLOW,
  );
});
