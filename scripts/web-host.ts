import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { onError } from '@orpc/server';
import { RPCHandler } from '@orpc/server/node';
import { RENDERER_CSP } from '../db/api/host-policy';
import { createRouter } from '../db/api/router';
import type { Engine } from '../db/open';

/**
 * The web host: the same API handlers over HTTP, bound to 127.0.0.1 only, for development, demos
 * and end-to-end tests. Every request needs the per-run token: the printed URL carries it once
 * (`/?token=…`), the host turns it into a SameSite=Strict HttpOnly cookie and redirects to `/`.
 * Requests with a Host or Origin other than this loopback address are refused (DNS rebinding,
 * cross-site requests).
 */
export interface WebHost {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

export interface WebHostOptions {
  engine: Engine;
  port?: number;
  staticDir: string;
  log?: (line: string) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

const CSP = RENDERER_CSP;

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { engine, staticDir } = options;
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${path.join(staticDir, 'index.html')} is missing). Run \`npm run build\` first.`);
  }
  const token = randomBytes(24).toString('base64url');
  const handler = new RPCHandler(createRouter(), {
    interceptors: [
      onError((error) => {
        const status = (error as { status?: number }).status;
        if (status === undefined || status >= 500) options.log?.(`error: ${(error as Error).stack ?? String(error)}`);
      }),
    ],
  });
  let origin = '';
  let cookieName = '';

  const server = http.createServer(async (req, res) => {
    const host = req.headers.host ?? '';
    const allowedHosts = [origin.replace('http://', ''), origin.replace('http://127.0.0.1', 'localhost')];
    if (!allowedHosts.includes(host)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request: this host serves 127.0.0.1 only.');
      return;
    }
    const reqOrigin = req.headers.origin;
    if (reqOrigin && reqOrigin !== origin && reqOrigin !== `http://${allowedHosts[1]}`) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Cross-origin requests are refused.');
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    const cookies = Object.fromEntries(
      (req.headers.cookie ?? '').split(';').map((c) => {
        const i = c.indexOf('=');
        return [c.slice(0, i).trim(), decodeURIComponent(c.slice(i + 1).trim())];
      }),
    );
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    const queryToken = url.searchParams.get('token') ?? undefined;
    if (sameToken(queryToken, token) && req.method === 'GET') {
      url.searchParams.delete('token');
      res
        .writeHead(303, {
          location: `${url.pathname}${url.search}`,
          'set-cookie': `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
          'cache-control': 'no-store',
        })
        .end();
      return;
    }
    if (!sameToken(cookies[cookieName], token) && !sameToken(bearer, token)) {
      res
        .writeHead(401, { 'content-type': 'text/plain' })
        .end('This Uptake web host needs its token: open the URL it printed when it started.');
      return;
    }

    if (url.pathname.startsWith('/rpc/')) {
      const { matched } = await handler.handle(req, res, { prefix: '/rpc', context: { engine } });
      if (!matched) res.writeHead(404, { 'content-type': 'text/plain' }).end('No such operation.');
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const relative = path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    let file = path.join(staticDir, relative);
    if (!file.startsWith(staticDir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(staticDir, 'index.html');
    const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    fs.createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  cookieName = `uptake_token_${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
