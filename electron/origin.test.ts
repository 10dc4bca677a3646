import { describe, expect, it } from 'vitest';
import { isAppUrl, isExternalWebUrl } from './origin';

describe('isAppUrl', () => {
  it.each(['app://uptake/index.html', 'app://uptake/', 'app://uptake/teams?x=1#y'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'app://uptake.evil.com/index.html',
    'app://evil/index.html',
    // Chromium canonicalises a standard scheme's host to lower case, so anything else is not ours.
    'app://UPTAKE/index.html',
    'app://user@uptake/index.html',
    'https://uptake/index.html',
    'file:///index.html',
    'http://127.0.0.1/app://uptake/',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });
});

describe('isExternalWebUrl', () => {
  it.each(['https://example.com/', 'http://example.com/a?b'])('hands %s to the browser', (url) => {
    expect(isExternalWebUrl(url)).toBe(true);
  });

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'app://uptake/', 'ms-msdt:/id', 'mailto:a@b.c', 'https:'])(
    'keeps %s away from the OS',
    (url) => {
      expect(isExternalWebUrl(url)).toBe(false);
    },
  );
});
