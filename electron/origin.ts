import { APP_HOST, APP_SCHEME } from './channels';

/*
 * Origin checks on URL strings. Node's URL gives non-special schemes an opaque origin ("null"),
 * so the app's origin is compared by protocol and host, never by `new URL(u).origin`.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for the app's own pages: app://uptake/… */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  );
}

/** True for links that may be handed to the system browser: http(s) only, never file:, javascript:, custom schemes. */
export function isExternalWebUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.host !== '';
}
