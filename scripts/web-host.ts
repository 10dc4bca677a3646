import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { ORPCError, onError, os } from '@orpc/server';
import { RPCHandler } from '@orpc/server/node';
import type { HostContext } from '../db/api/context';
import { RENDERER_CSP } from '../db/api/host-policy';
import { createRouter } from '../db/api/router';
import { badInput } from '../db/errors';
import type { Engine } from '../db/open';
import { BodyError, type BodyLimits, DEFAULT_LIMITS, readText, receiveMultipart, type Upload } from './request-body';

/**
 * The web host: the same API handlers over HTTP, bound to 127.0.0.1 only, for development, demos
 * and end-to-end tests. Every request needs the per-run token: the printed URL carries it once
 * (`/?token=…`), the host turns it into a SameSite=Strict HttpOnly cookie and redirects to `/`.
 * Requests with a Host or Origin other than this loopback address are refused (DNS rebinding,
 * cross-site requests), and so are RPC requests a cross-site form could send (see RPC_HEADER).
 * Bodies are capped (BodyLimits); uploads go to a temp file, and the host imports only uploads.
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
  /** Body size caps; default 1 MiB for JSON, 2 GiB for an upload. */
  limits?: Partial<BodyLimits>;
}

/**
 * The header the app's RPC client sends with every call. A page on another site cannot send it
 * (nor a JSON content type) without a CORS preflight, which this host never grants, so together
 * with the SameSite cookie it shuts out cross-site form posts, which carry neither.
 */
export const RPC_HEADER = 'x-uptake-rpc';

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

/** On every response, errors included: the token must not leak through a cache or a Referer. */
const EVERY_RESPONSE: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

const IMPORTS_ONLY_UPLOADS =
  'The web host imports only files uploaded through it (the Imports screen), never a path on this machine. To import a file by its path, run `uptake import KIND FILE` on this machine.';

function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Cookie values as sent, not %-decoded: the token is base64url, and a stray `%` must not throw. */
function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

/** The media type of a Content-Type header, lower case, without parameters ('' when absent). */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function checkRendererBuilt(staticDir: string, variable?: string): void {
  const index = path.join(staticDir, 'index.html');
  if (!fs.existsSync(index) && variable) {
    // The folder came from the environment: the build to make is not the one that is missing.
    throw badInput(
      `${variable} is set to ${staticDir}, which holds no web app build (${index} is missing). Point ${variable} at a build of the renderer (a folder with index.html), or unset it to serve dist/renderer (built with \`npm run build:renderer\`).`,
    );
  }
  if (!fs.existsSync(index)) {
    throw badInput(
      `The web app is not built (${index} is missing). Build it with \`npm run build:renderer\`, or start with \`npm run web\`, which builds it first.`,
    );
  }
}

function listenError(e: unknown, port: number): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    return badInput(
      `Port ${port} on 127.0.0.1 is already in use (another Uptake or another program). Pass another --port, or leave --port out to take any free one.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return badInput(
      `Uptake may not listen on port ${port} (ports below 1024 need administrator rights). Pass a port from 1024 to 65535, or leave --port out.`,
    );
  }
  return e;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { engine, log } = options;
  const staticDir = path.resolve(options.staticDir);
  checkRendererBuilt(staticDir);
  const limits: BodyLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const token = randomBytes(24).toString('base64url');
  const router = createRouter();
  router.imports = {
    ...router.imports,
    run: os.$context<HostContext>().handler(() => {
      throw new ORPCError('FORBIDDEN', { message: IMPORTS_ONLY_UPLOADS, data: { code: 'FORBIDDEN' } });
    }),
  };
  const handler = new RPCHandler(router, {
    interceptors: [
      onError((error) => {
        const status = (error as { status?: number }).status;
        if (status === undefined || status >= 500) log?.(`error: ${(error as Error).stack ?? String(error)}`);
      }),
    ],
  });
  let origin = '';
  let cookieName = '';

  const text = (res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers }).end(body);
  };
  /** An error in the shape the app's RPC client reads, so the app shows the message. */
  const rpcError = (res: http.ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) => {
    const body = JSON.stringify({ json: new ORPCError(code, { status, message, data: { code } }).toJSON() });
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
  };

  async function rpc(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      rpcError(res, 405, 'METHOD_NOT_SUPPORTED', 'Operations are called with POST.', { allow: 'POST' });
      return;
    }
    const type = mediaType(req.headers['content-type']);
    if (type !== 'application/json' && req.headers[RPC_HEADER] === undefined) {
      rpcError(res, 403, 'FORBIDDEN', `Operations need Content-Type: application/json or the ${RPC_HEADER} header.`);
      return;
    }
    let upload: Upload | null = null;
    try {
      if (type === 'multipart/form-data') {
        upload = await receiveMultipart(req, limits);
        Object.assign(req, { body: upload.form });
      } else if (type === 'application/json' || type === '') {
        const body = await readText(req, limits.json);
        // oRPC reads a body already on the request instead of the (now consumed) stream.
        if (body.trim() !== '') {
          try {
            Object.assign(req, { body: JSON.parse(body) as unknown });
          } catch {
            throw new BodyError(400, 'The request body is not valid JSON.');
          }
        }
      } else {
        rpcError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `Operations take application/json or multipart/form-data, not ${type}.`);
        return;
      }
    } catch (e) {
      if (!(e instanceof BodyError)) throw e;
      // The rest of an oversized body is not read: the connection closes once this answer is sent.
      const code = { 400: 'BAD_REQUEST', 413: 'PAYLOAD_TOO_LARGE', 507: 'INSUFFICIENT_STORAGE' }[e.status];
      rpcError(res, e.status, code, e.message, { connection: 'close' });
      return;
    }
    try {
      const { matched } = await handler.handle(req, res, { prefix: '/rpc', context: { engine } });
      if (!matched) rpcError(res, 404, 'NOT_FOUND', 'No such operation. Run `uptake ops` to list them.');
    } finally {
      await upload?.cleanup();
    }
  }

  function file(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      text(res, 405, 'Only GET and HEAD are served here.', { allow: 'GET, HEAD' });
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      text(res, 400, 'Bad request: the path has a malformed % escape.');
      return;
    }
    const relative = path.normalize(decoded.replaceAll('\0', '')).replace(/^([/\\])+/, '');
    let target = path.join(staticDir, relative);
    const inside = path.relative(staticDir, target);
    const isFile = (f: string) => fs.statSync(f, { throwIfNoEntry: false })?.isFile() === true;
    if (inside.startsWith('..') || path.isAbsolute(inside) || !isFile(target)) target = path.join(staticDir, 'index.html');
    res.writeHead(200, {
      'content-type': TYPES[path.extname(target)] ?? 'application/octet-stream',
      'content-security-policy': RENDERER_CSP,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    pipeline(fs.createReadStream(target), res, (e) => {
      if (e) res.destroy();
    });
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    const allowedHosts = [origin.replace('http://', ''), origin.replace('http://127.0.0.1', 'localhost')];
    if (!allowedHosts.includes(host)) {
      text(res, 421, 'Misdirected request: this host serves 127.0.0.1 only.');
      return;
    }
    const reqOrigin = req.headers.origin;
    if (reqOrigin && reqOrigin !== origin && reqOrigin !== `http://${allowedHosts[1]}`) {
      text(res, 403, 'Cross-origin requests are refused.');
      return;
    }
    // Always relative to this origin: a request line of `//evil.example/` is a path here, not a host.
    const raw = req.url ?? '/';
    let url: URL | null = null;
    try {
      if (raw.startsWith('/')) url = new URL(`${origin}${raw}`);
    } catch {
      // Left null: answered below.
    }
    if (!url) {
      text(res, 400, 'Bad request: the request target is not a path.');
      return;
    }
    const bearer = req.headers.authorization?.replace(/^Bearer /, '');
    const queryToken = url.searchParams.get('token') ?? undefined;
    if (sameToken(queryToken, token) && req.method === 'GET') {
      url.searchParams.delete('token');
      // To this origin, never `//host/…`: leading slashes would make the path a host name.
      res
        .writeHead(303, {
          location: `${origin}/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`,
          'set-cookie': `${cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`,
        })
        .end();
      return;
    }
    if (!sameToken(cookie(req.headers.cookie, cookieName), token) && !sameToken(bearer, token)) {
      text(res, 401, 'This Uptake web host needs its token: open the URL it printed when it started.');
      return;
    }
    if (url.pathname.startsWith('/rpc/')) await rpc(req, res);
    else file(req, res, url.pathname);
  }

  const server = http.createServer((req, res) => {
    // A client that hangs up mid-request is its own business, never a reason for the host to stop.
    req.on('error', () => {});
    res.on('error', () => {});
    for (const [name, value] of Object.entries(EVERY_RESPONSE)) res.setHeader(name, value);
    serve(req, res).catch((e: unknown) => {
      log?.(`error: ${(e as Error).stack ?? String(e)}`);
      if (res.headersSent) res.destroy();
      else
        text(res, 500, 'Internal error in the Uptake web host; it is still running. The details are in its log.', { connection: 'close' });
    });
  });

  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(listenError(e, port)));
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${bound}`;
  cookieName = `uptake_token_${bound}`;
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
