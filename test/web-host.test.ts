import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { ContractRouterClient } from '@orpc/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTyped } from '../db/api';
import type { contract } from '../db/api/contract';
import { RPC_HEADER, startWebHost, type WebHost } from '../scripts/web-host';
import { tempDir, tempEngine } from './helpers';

/* The web host in this process, on port 0, over real HTTP, with a real database file. */

const USAGE = 'month,team,initiative,licensed_users,active_users,workflows_started,workflows_completed';
const UPLOAD_CAP = 256 * 1024;

let t: ReturnType<typeof tempEngine>;
let statics: ReturnType<typeof tempDir>;
let uploads: ReturnType<typeof tempDir>;
let host: WebHost;
let previousTmp: string | undefined;

beforeAll(async () => {
  t = tempEngine();
  await callTyped({ engine: t.engine }, 'workspace.init', { workspace: 'Acme', me: 'Dana Lee' });
  await callTyped({ engine: t.engine }, 'teams.create', { name: 'Claims North' });
  await callTyped({ engine: t.engine }, 'initiatives.create', { name: 'Triage' });
  statics = tempDir('uptake-static-');
  fs.writeFileSync(path.join(statics.dir, 'index.html'), '<!doctype html><title>Uptake</title>');
  fs.mkdirSync(path.join(statics.dir, 'assets'));
  fs.writeFileSync(path.join(statics.dir, 'assets', 'app.js'), 'console.log(1)');
  // The host's temp files go here, so the tests can see that none is left behind.
  uploads = tempDir('uptake-uploads-');
  previousTmp = process.env.TMPDIR;
  process.env.TMPDIR = uploads.dir;
  host = await startWebHost({ engine: t.engine, staticDir: statics.dir, limits: { upload: UPLOAD_CAP } });
});
afterAll(async () => {
  await host?.close();
  if (previousTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = previousTmp;
  t.cleanup();
  statics.cleanup();
  uploads.cleanup();
});

const auth = () => ({ authorization: `Bearer ${host.token}` });
const json = (body: unknown) => JSON.stringify({ json: body });

function client(headers: Record<string, string> = { [RPC_HEADER]: '1', ...auth() }): ContractRouterClient<typeof contract> {
  return createORPCClient(new RPCLink({ url: `${host.origin}/rpc`, headers }));
}

async function teamNames(): Promise<string[]> {
  return (await callTyped({ engine: t.engine }, 'teams.list', {})).map((team) => team.name);
}

/** A request with full control of method, headers and body (fetch would add or refuse some). */
function raw(
  method: string,
  target: string,
  headers: Record<string, string | number>,
  body?: string | Buffer,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const length = body === undefined ? {} : { 'content-length': Buffer.byteLength(body) };
    const req = http.request(`${host.origin}${target}`, { method, headers: { ...length, ...headers } }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    // The host may answer before it has read the body, then close the connection.
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    req.end(body);
  });
}

function leftovers(): string[] {
  return fs.readdirSync(uploads.dir).filter((f) => f.startsWith('uptake-upload-'));
}

describe('web host: headers on every response', () => {
  it('sends nosniff, no-store and no-referrer on pages, assets, RPC answers and refusals', async () => {
    const responses = [
      await fetch(`${host.origin}/`, { headers: auth() }),
      await fetch(`${host.origin}/assets/app.js`, { headers: auth() }),
      await fetch(`${host.origin}/rpc/teams/list`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: '{}',
      }),
      await fetch(`${host.origin}/rpc/teams/nope`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: '{}',
      }),
      await fetch(`${host.origin}/`),
      await fetch(`${host.origin}/`, { headers: { ...auth(), origin: 'http://evil.example' } }),
      await fetch(`${host.origin}/?token=${host.token}`, { redirect: 'manual' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 404, 401, 403, 303]);
    for (const r of responses) {
      expect(r.headers.get('x-content-type-options'), r.url).toBe('nosniff');
      expect(r.headers.get('cache-control'), r.url).toBe('no-store');
      expect(r.headers.get('referrer-policy'), r.url).toBe('no-referrer');
    }
    const misdirected = await raw('GET', '/', { host: 'evil.example', ...auth() });
    expect(misdirected.status).toBe(421);
    expect(misdirected.headers['cache-control']).toBe('no-store');
  });

  it('redirects the token URL to a path on this origin, never to //host', async () => {
    for (const target of ['/.//evil.example/', '//evil.example/x', '/\\evil.example/', '/%2F%2Fevil.example/', '/reports']) {
      const r = await raw('GET', `${target}?token=${host.token}&month=2026-01`, {});
      expect(r.status, target).toBe(303);
      const location = r.headers.location ?? '';
      expect(location.startsWith(`${host.origin}/`), `${target} -> ${location}`).toBe(true);
      expect(new URL(location).host).toBe(new URL(host.origin).host);
      expect(location).not.toContain('token=');
      expect(location).toContain('month=2026-01');
    }
  });
});

describe('web host: malformed requests', () => {
  it('answers a stray % in a cookie or the path instead of throwing, and keeps serving', async () => {
    const cookieName = `uptake_token_${new URL(host.origin).port}`;
    expect((await raw('GET', '/', { cookie: 'other=100%' })).status).toBe(401);
    expect((await raw('GET', '/', { cookie: `other=100%; ${cookieName}=${host.token}` })).status).toBe(200);
    const badPath = await raw('GET', '/%zz', auth());
    expect(badPath.status).toBe(400);
    expect(badPath.body).toMatch(/malformed % escape/);
    expect((await raw('GET', '/%E0%A4%A', auth())).status).toBe(400);
    expect((await raw('GET', '/../../../etc/passwd', auth())).body).toContain('<title>Uptake</title>');
    expect((await raw('GET', '/', auth())).status).toBe(200);
  });
});

describe('web host: RPC requests', () => {
  it('runs an operation for POST with a JSON body and the token', async () => {
    const team = await client().teams.create({ name: 'Claims South' });
    expect(team.name).toBe('Claims South');
    expect(await teamNames()).toContain('Claims South');
  });

  it('allows only POST: PUT, DELETE, PATCH and GET run nothing', async () => {
    const before = await teamNames();
    for (const method of ['PUT', 'DELETE', 'PATCH', 'GET']) {
      const r = await raw(
        method,
        '/rpc/teams/create',
        { ...auth(), 'content-type': 'application/json' },
        method === 'GET' ? undefined : json({ name: `By ${method}` }),
      );
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe('POST');
    }
    expect(await teamNames()).toEqual(before);
  });

  it('refuses a form post without a JSON content type or the RPC header, even with the cookie', async () => {
    const cookie = await fetch(`${host.origin}/?token=${host.token}`, { redirect: 'manual' }).then(
      (r) => r.headers.get('set-cookie')?.split(';')[0] ?? '',
    );
    expect(cookie).toMatch(/^uptake_token_\d+=/);
    const before = await teamNames();
    const form = new FormData();
    form.set('data', json({ name: 'Forged' }));
    const forged = await fetch(`${host.origin}/rpc/teams/create`, { method: 'POST', headers: { cookie }, body: form });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { json: { message: string } }).json.message).toMatch(/application\/json or the x-uptake-rpc header/);
    const plain = await fetch(`${host.origin}/rpc/teams/create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'text/plain' },
      body: json({ name: 'Forged' }),
    });
    expect(plain.status).toBe(403);
    const flaggedPlain = await raw(
      'POST',
      '/rpc/teams/create',
      { ...auth(), [RPC_HEADER]: '1', 'content-type': 'text/plain' },
      json({ name: 'Forged' }),
    );
    expect(flaggedPlain.status).toBe(415);
    expect(await teamNames()).toEqual(before);
    // The same cookie with a JSON body is the app itself.
    const real = await fetch(`${host.origin}/rpc/teams/create`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: json({ name: 'By cookie' }),
    });
    expect(real.status).toBe(200);
  });

  it('does not import a path on this machine: imports.run is refused and reads nothing', async () => {
    const secret = path.join(uploads.dir, 'secret.csv');
    fs.writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
    const error = await client()
      .imports.run({ kind: 'usage', path: secret })
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/imports only files uploaded through it.*uptake import KIND FILE/);
    expect((error as Error).message).not.toContain('root:x');
    const r = await raw(
      'POST',
      '/rpc/imports/run',
      { ...auth(), 'content-type': 'application/json' },
      json({ kind: 'usage', path: '/etc/passwd' }),
    );
    expect(r.status).toBe(403);
    expect(r.body).not.toMatch(/root:/);
  });
});

describe('web host: body caps and uploads', () => {
  it('imports an upload from the temp file it streamed to, and removes that file', async () => {
    const csv = `${USAGE}\n2026-01,Claims North,Triage,10,5,10,5\n2026-02,Claims North,Triage,10,7,12,9\n`;
    const summary = await client().imports.upload({ kind: 'usage', file: new File([csv], 'usage-jan.csv', { type: 'text/csv' }) });
    expect(summary).toMatchObject({ kind: 'usage', file: 'usage-jan.csv', rows: 2, new: 2 });
    const batches = await callTyped({ engine: t.engine }, 'imports.list', {});
    expect(batches.map((b) => b.fileName)).toContain('usage-jan.csv');
    // Removed once the answer is sent.
    await expect.poll(leftovers).toEqual([]);
  });

  it('answers 413 with the cap for a JSON body over 1 MiB, and keeps serving', async () => {
    const big = json({ name: 'x'.repeat(1024 * 1024) });
    const r = await raw('POST', '/rpc/teams/create', { ...auth(), 'content-type': 'application/json' }, big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).json.message).toMatch(/larger than this host accepts \(at most 1 MiB\)/);
    // Chunked, with no length to refuse up front.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `${host.origin}/rpc/teams/create`,
        { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => (e.code === 'EPIPE' || e.code === 'ECONNRESET' ? undefined : reject(e)));
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      for (let i = 0; i < 40; i++) req.write(chunk);
      req.end();
    });
    expect(chunked).toBe(413);
    expect((await client().teams.list({})).length).toBeGreaterThan(0);
  });

  it('answers 413 for an upload over its cap, leaves no temp file, and keeps serving', async () => {
    const before = await callTyped({ engine: t.engine }, 'imports.list', {});
    const rows = Array.from({ length: 12_000 }, (_, i) => `2026-01,Team ${i},Triage,10,5,10,5`).join('\n');
    const error = await client()
      .imports.upload({ kind: 'usage', file: new File([`${USAGE}\n${rows}\n`], 'big.csv', { type: 'text/csv' }) })
      .catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/uploaded file is larger than this host accepts \(at most 256 KiB\)/);
    await expect.poll(leftovers).toEqual([]);
    expect(await callTyped({ engine: t.engine }, 'imports.list', {})).toEqual(before);
    // A declared length over the default 2 GiB cap is refused before a byte of it is read.
    const declared = await raw('POST', '/rpc/imports/upload', {
      ...auth(),
      [RPC_HEADER]: '1',
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': 3 * 1024 ** 3,
    });
    expect(declared.status).toBe(413);
    expect(await teamNames()).toContain('Claims North');
  });

  it('refuses malformed multipart bodies with 400 and no temp file', async () => {
    const headers = { ...auth(), [RPC_HEADER]: '1' };
    const cases: [Record<string, string>, string][] = [
      [{ 'content-type': 'multipart/form-data' }, 'no boundary'],
      [{ 'content-type': 'multipart/form-data; boundary=b' }, '--b\r\nContent-Disposition: form-data; name="data"\r\n\r\n{"json":'],
      [{ 'content-type': 'multipart/form-data; boundary=b' }, '--b\r\ngarbage without a blank line'],
    ];
    for (const [extra, body] of cases) {
      const r = await raw('POST', '/rpc/imports/upload', { ...headers, ...extra }, body);
      expect(r.status, body).toBeGreaterThanOrEqual(400);
      expect(r.status, body).toBeLessThan(500);
    }
    await expect.poll(leftovers).toEqual([]);
    expect(await teamNames()).toContain('Claims North');
  });
});
