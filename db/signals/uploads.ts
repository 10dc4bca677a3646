import fs from 'node:fs';

/**
 * Uploads a host has already written to a file as they arrived (the web host streams each upload
 * to a temp file, never holding it in memory): `imports.upload` imports from that file instead of
 * copying hundreds of MB a second time. The host removes the file once the request is answered.
 */
const onDisk = new WeakMap<Blob, string>();

export function rememberUploadFile(upload: Blob, file: string): void {
  onDisk.set(upload, file);
}

export function uploadFileOf(upload: Blob): string | undefined {
  return onDisk.get(upload);
}

const SLICE = 8 << 20;

/** Writes an upload to `file` in slices, never whole in memory: decisions files of hundreds of MB are normal. */
export async function saveUpload(upload: Blob, file: string): Promise<void> {
  const fd = fs.openSync(file, 'w');
  try {
    for (let at = 0; at < upload.size; at += SLICE) fs.writeSync(fd, new Uint8Array(await upload.slice(at, at + SLICE).arrayBuffer()));
  } finally {
    fs.closeSync(fd);
  }
}
