// The CLI as one bundled module, made from the TypeScript sources on first use and again whenever
// one of them (or package-lock.json) is newer than the bundle. Loading ~300 modules through tsx's
// loader took about 2 s of CPU before any command ran; the bundle loads in a tenth of that. It is
// kept in .cache/cli (ignored by git); where it cannot be made (no esbuild, a read-only clone) or
// UPTAKE_CLI_FROM_SOURCE=1 is set, the CLI runs from source through tsx as before.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, '.cache', 'cli');
const bundle = path.join(outDir, 'uptake.mjs');
const manifest = path.join(outDir, 'inputs.json');

/** The bundle's inputs (repo-relative) all older than the bundle: nothing to do. */
function fresh() {
  try {
    const { builtAt, inputs } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    if (!fs.existsSync(bundle)) return false;
    for (const input of [...inputs, 'package-lock.json']) {
      if (fs.statSync(path.join(root, input)).mtimeMs > builtAt) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Each source module keeps its own `import.meta.url` (migrations, the import's worker and the
 * renderer are found next to the file that names them, as when run from source).
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = await fs.promises.readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

async function build() {
  const esbuild = await import('esbuild');
  const builtAt = Date.now();
  fs.mkdirSync(outDir, { recursive: true });
  // Written beside and renamed into place: two commands starting at once each get a whole bundle.
  const tmp = `${bundle}.${process.pid}.tmp`;
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['scripts/uptake.ts'],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Native, or big and loaded only for a PDF: taken from node_modules when needed.
    external: ['better-sqlite3', 'playwright-core', 'electron'],
    banner: { js: "import { createRequire as __uptakeRequire } from 'node:module'; const require = __uptakeRequire(import.meta.url);" },
    plugins: [ownUrl],
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules'));
  fs.renameSync(tmp, bundle);
  const tmpManifest = `${manifest}.${process.pid}.tmp`;
  fs.writeFileSync(tmpManifest, JSON.stringify({ builtAt, inputs }));
  fs.renameSync(tmpManifest, manifest);
}

/** Makes the bundle unless it is up to date (test set-up: once, before processes race to make it). */
export async function ensureCliBundle() {
  if (!fresh()) await build();
}

/** The CLI's `main`: from the bundle when it is (or can be made) up to date, else from source. */
export async function loadCli() {
  if (process.env.UPTAKE_CLI_FROM_SOURCE !== '1') {
    try {
      await ensureCliBundle();
      return (await import(pathToFileURL(bundle).href)).main;
    } catch {
      // Falls through to the sources: the CLI works the same, only slower to start.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('./uptake.ts')).main;
}
