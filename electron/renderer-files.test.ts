import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP, rendererFileFor, rendererResponse } from './renderer-files';

let root = '';
let outside = '';

beforeAll(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'uptake-renderer-'));
  root = path.join(base, 'renderer');
  outside = path.join(base, 'secret.txt');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Uptake</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(outside, 'not for the page');
});

afterAll(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

describe('rendererFileFor', () => {
  it('maps app://uptake paths into the renderer folder', () => {
    expect(rendererFileFor(root, 'app://uptake/')).toBe(path.join(root, 'index.html'));
    expect(rendererFileFor(root, 'app://uptake/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('clamps dot segments at the root, as a browser does', () => {
    expect(rendererFileFor(root, 'app://uptake/%2e%2e/secret.txt')).toBe(path.join(root, 'secret.txt'));
    expect(rendererFileFor(root, 'app://uptake/assets/../../../secret.txt')).toBe(path.join(root, 'secret.txt'));
  });

  it.each([
    'app://uptake/..%2fsecret.txt',
    'app://uptake/..%5csecret.txt',
    'app://uptake/assets/..%2f..%2fsecret.txt',
    'app://uptake/%00index.html',
    'app://uptake/%E0%A4%A',
    'app://other/index.html',
    'https://uptake/index.html',
  ])('refuses %s', (url) => {
    expect(rendererFileFor(root, url)).toBeNull();
  });
});

describe('rendererResponse', () => {
  it('serves a file with the CSP and its type', async () => {
    const response = await rendererResponse(root, 'GET', 'app://uptake/index.html');
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBe(CSP);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.from(response.body).toString()).toContain('<title>Uptake</title>');
  });

  it('answers a client-side route with index.html, and a missing asset with 404', async () => {
    const route = await rendererResponse(root, 'GET', 'app://uptake/teams/123');
    expect(route.status).toBe(200);
    expect(route.headers['content-type']).toBe('text/html; charset=utf-8');
    expect((await rendererResponse(root, 'GET', 'app://uptake/assets/missing.js')).status).toBe(404);
  });

  it('never serves a file outside the renderer folder', async () => {
    const response = await rendererResponse(root, 'GET', 'app://uptake/..%2fsecret.txt');
    expect(response.status).toBe(404);
    expect(Buffer.from(response.body).toString()).not.toContain('not for the page');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await rendererResponse(root, 'POST', 'app://uptake/index.html')).status).toBe(405);
    const head = await rendererResponse(root, 'HEAD', 'app://uptake/index.html');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('keeps the policy the web host uses', () => {
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(CSP).toContain(directive);
    }
    expect(CSP).not.toContain('unsafe-eval');
  });
});
