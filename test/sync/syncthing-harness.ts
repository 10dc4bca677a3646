import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/*
 * Two Syncthing instances on loopback keeping two folders in step: a real replicated folder for
 * the sync tests. Configuration is written whole before the first start so nothing reaches out
 * (no discovery, relays, NAT, usage reports or upgrades; every address is 127.0.0.1). Only A
 * dials B (two sides dialling at once can stall the handshake for ~20 s), B starts first, and
 * readiness is polled through the REST API, never slept for.
 */

const FOLDER_ID = 'uptake-share';

/** Why Syncthing cannot run here, or null when it can. */
export function syncthingMissing(): string | null {
  const probe = spawnSync('syncthing', ['--version'], { encoding: 'utf8' });
  if (probe.error)
    return `syncthing is not on PATH (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message}); install Debian's syncthing package`;
  return probe.status === 0 ? null : `syncthing --version exited with ${probe.status}`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const got = await probe();
      if (got) return got;
    } catch {
      // Not up yet.
    }
    if (Date.now() > deadline) throw new Error(`Syncthing harness: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Side {
  name: 'A' | 'B';
  home: string;
  /** The replicated folder (what Uptake is pointed at). */
  folder: string;
  id: string;
  gui: number;
  listen: number;
  key: string;
  child?: ChildProcess;
}

export interface SyncthingPair {
  a: Side;
  b: Side;
  /** Ask `from` to rescan now (a written file reaches the other side in well under a second). */
  scan(from: Side): Promise<void>;
  /** Waits until every file under `from.folder/sub` is in `to.folder/sub` with the same bytes. */
  mirrored(from: Side, to: Side, sub?: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

function config(self: Side, peer: Side, peerAddress: string): string {
  return `<configuration version="36">
    <folder id="${FOLDER_ID}" label="${FOLDER_ID}" path="${self.folder}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="${self.id}" introducedBy=""></device>
        <device id="${peer.id}" introducedBy=""></device>
        <markerName>.stfolder</markerName>
    </folder>
    <device id="${self.id}" name="${self.name}" compression="metadata" introducer="false"><address>dynamic</address></device>
    <device id="${peer.id}" name="${peer.name}" compression="metadata" introducer="false">
        <address>${peerAddress}</address>
        <autoAcceptFolders>false</autoAcceptFolders>
    </device>
    <gui enabled="true" tls="false" debugging="false">
        <address>127.0.0.1:${self.gui}</address>
        <apikey>${self.key}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:${self.listen}</listenAddress>
        <globalAnnounceServer></globalAnnounceServer>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <urSeen>3</urSeen>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <stunKeepaliveStartS>0</stunKeepaliveStartS>
        <stunServer></stunServer>
        <announceLANAddresses>false</announceLANAddresses>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <setLowPriority>false</setLowPriority>
    </options>
</configuration>
`;
}

async function api(side: Side, method: string, route: string): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${side.gui}${route}`, { method, headers: { 'X-API-Key': side.key } });
  if (!res.ok) throw new Error(`${method} ${route}: HTTP ${res.status}`);
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : null;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => !f.split(path.sep).some((part) => part.startsWith('.st') || part.startsWith('.syncthing')))
    .filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

/** Starts the pair under `dir` (its own subfolders); `stop()` ends both, also after a failure. */
export async function startSyncthingPair(dir: string): Promise<SyncthingPair> {
  const [guiA, guiB, listenA, listenB] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const side = (name: 'A' | 'B', gui: number, listen: number): Side => {
    const home = path.join(dir, name, 'home');
    const folder = path.join(dir, name, 'share');
    fs.mkdirSync(home, { recursive: true });
    fs.mkdirSync(path.join(folder, '.stfolder'), { recursive: true });
    execFileSync('syncthing', ['generate', `--home=${home}`, '--no-default-folder', '--skip-port-probing'], { stdio: 'ignore' });
    const id = execFileSync('syncthing', ['serve', `--home=${home}`, '--device-id'], { encoding: 'utf8' }).trim();
    return { name, home, folder, id, gui, listen, key: `uptake-test-key-${name}-${listen}` };
  };
  const a = side('A', guiA ?? 0, listenA ?? 0);
  const b = side('B', guiB ?? 0, listenB ?? 0);
  fs.writeFileSync(path.join(a.home, 'config.xml'), config(a, b, `tcp://127.0.0.1:${b.listen}`));
  fs.writeFileSync(path.join(b.home, 'config.xml'), config(b, a, 'dynamic'));

  const start = (s: Side) => {
    s.child = spawn(
      'syncthing',
      ['serve', `--home=${s.home}`, '--no-browser', '--no-restart', '--no-upgrade', `--logfile=${path.join(dir, s.name, 'syncthing.log')}`],
      {
        env: { ...process.env, STNOUPGRADE: '1', STNORESTART: '1', STNODEFAULTFOLDER: '1' },
        stdio: 'ignore',
      },
    );
  };
  const stopOne = async (s: Side) => {
    const child = s.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await api(s, 'POST', '/rest/system/shutdown').catch(() => child.kill('SIGTERM'));
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5_000));
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  const pair: SyncthingPair = {
    a,
    b,
    scan: async (from) => {
      await api(from, 'POST', `/rest/db/scan?folder=${FOLDER_ID}`);
    },
    mirrored: async (from, to, sub = '', timeoutMs = 60_000) => {
      await until(`${from.name}'s files to reach ${to.name}`, timeoutMs, async () => {
        const files = filesUnder(path.join(from.folder, sub));
        return files.every((f) => {
          const there = path.join(to.folder, sub, f);
          return fs.existsSync(there) && fs.readFileSync(there).equals(fs.readFileSync(path.join(from.folder, sub, f)));
        });
      });
    },
    stop: async () => {
      await Promise.all([stopOne(a), stopOne(b)]);
    },
  };
  try {
    start(b);
    await until('B to answer', 30_000, () => api(b, 'GET', '/rest/system/ping'));
    start(a);
    await until('A to answer', 30_000, () => api(a, 'GET', '/rest/system/ping'));
    const connected = (s: Side, peer: Side) => async () =>
      ((await api(s, 'GET', '/rest/system/connections')) as { connections: Record<string, { connected: boolean }> }).connections[peer.id]
        ?.connected;
    await until('A and B to connect', 60_000, connected(a, b));
    await until('B and A to connect', 60_000, connected(b, a));
    const idle = (s: Side) => async () =>
      ((await api(s, 'GET', `/rest/db/status?folder=${FOLDER_ID}`)) as { state: string }).state === 'idle';
    await until('A idle', 60_000, idle(a));
    await until('B idle', 60_000, idle(b));
  } catch (e) {
    await pair.stop();
    throw e;
  }
  return pair;
}
