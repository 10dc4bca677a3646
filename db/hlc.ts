/**
 * Hybrid logical clock. A timestamp is `<ISO-8601 millis>-<counter, 4 hex>-<device id>`, so plain
 * string comparison orders it: wall time first, then the counter, then the device id, which breaks
 * ties between devices deterministically.
 */
export interface HlcState {
  millis: number;
  counter: number;
}

const MAX_COUNTER = 0xffff;

export function formatHlc(state: HlcState, deviceId: string): string {
  return `${new Date(state.millis).toISOString()}-${state.counter.toString(16).padStart(4, '0')}-${deviceId}`;
}

export function parseHlc(hlc: string): HlcState & { deviceId: string } {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-z]+)$/.exec(hlc);
  if (!m?.[1] || !m[2] || !m[3]) throw new Error(`Malformed HLC timestamp: ${hlc}`);
  return { millis: Date.parse(m[1]), counter: Number.parseInt(m[2], 16), deviceId: m[3] };
}

/** The next local timestamp after `last`, given the wall clock `now`. */
export function tick(last: HlcState, now: number): HlcState {
  if (now > last.millis) return { millis: now, counter: 0 };
  if (last.counter >= MAX_COUNTER) return { millis: last.millis + 1, counter: 0 };
  return { millis: last.millis, counter: last.counter + 1 };
}

/** Merge a remote timestamp into the local clock, so later local stamps sort after it. */
export function receive(last: HlcState, remote: HlcState, now: number): HlcState {
  const millis = Math.max(last.millis, remote.millis, now);
  if (millis === last.millis && millis === remote.millis) {
    return tick({ millis, counter: Math.max(last.counter, remote.counter) }, now);
  }
  if (millis === last.millis) return tick(last, now);
  if (millis === remote.millis) return tick(remote, now);
  return { millis, counter: 0 };
}
