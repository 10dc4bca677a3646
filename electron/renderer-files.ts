import fs from 'node:fs/promises';
import path from 'node:path';
import { RENDERER_CSP } from '../db/api/host-policy';
import { APP_HOST, APP_SCHEME } from './channels';

/*
 * What the app:// protocol serves: files inside the built renderer folder (dist/renderer), and
 * nothing else. Plain Node, so it is tested without Electron.
 */

/** One policy for every host: see db/api/host-policy.ts. */
export const CSP = RENDERER_CSP;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export interface RendererResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | string;
}

/**
 * Maps an app:// URL to a file inside `root`, or null when the URL is not the app's or would
 * leave `root` (`..`, encoded separators, NUL bytes, another drive).
 */
export function rendererFileFor(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.sep}${relative.replace(/^[/\\]+/, '')}`);
  const inside = path.relative(base, file);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return inside === '' ? path.join(base, 'index.html') : file;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

function respond(status: number, body: string): RendererResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }, body };
}

/**
 * Answers one app:// request. A path without a file extension that names no file gets
 * index.html, so a reload on a client-side route still lands in the app.
 */
export async function rendererResponse(root: string, method: string, requestUrl: string): Promise<RendererResponse> {
  if (method !== 'GET' && method !== 'HEAD') return respond(405, 'Method not allowed.');
  const wanted = rendererFileFor(root, requestUrl);
  if (wanted === null) return respond(404, 'Not found.');
  let file = wanted;
  if (!(await isFile(file))) {
    if (path.extname(file) !== '') return respond(404, 'Not found.');
    file = path.join(path.resolve(root), 'index.html');
    if (!(await isFile(file))) return respond(404, 'The renderer is not built. Run `npm run build`.');
  }
  const body = method === 'HEAD' ? '' : new Uint8Array(await fs.readFile(file));
  return {
    status: 200,
    headers: {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
    body,
  };
}
