/**
 * The Content-Security-Policy every host serves the renderer with (the web host over HTTP,
 * Electron's app:// protocol): one policy, so the two cannot drift apart. Mantine needs inline styles.
 */
export const RENDERER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
