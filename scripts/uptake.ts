import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { call, callTyped, operationNames } from '../db/api';
import { parseInput, procedureOf } from '../db/api/context';
import type { OperationMeta, OperationName } from '../db/api/contract';
import { permissions } from '../db/api/permissions';
import { badInput, UserError } from '../db/errors';
import { checkNotFolder, writeFileAtomic } from '../db/fs';
import { type Engine, open } from '../db/open';
import { defaultDatabaseFile, defaultDataDir } from '../db/paths';
import { plural } from '../db/reports/shared/plural';
import { IMPORT_COLUMNS, importTemplate, OPTIONAL_IMPORT_COLUMNS } from '../db/signals/import';
import { IMPORT_KINDS, type ImportErrorData, type ImportPass } from '../db/signals/model';
import { chromiumForPdf, PrintError, printHtmlToPdf } from './print-pdf';
import type { WebHost } from './web-host';

/*
 * The CLI host: the same operations as the app, for scripting, tests and automation.
 * Results are JSON on stdout; messages go to stderr. Exit codes: 0 done, 1 the user's input was
 * wrong (the message says what, where and what to do), 2 anything else. A failed command changes
 * nothing: every operation is one transaction.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The version in package.json, for --version. */
function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

interface Globals {
  db?: string;
  as?: string;
}

/** How a command uses the database: `create` it if missing, `write` to an existing one, or only `read` it. */
type Access = 'create' | 'write' | 'read';

function databaseFile(globals: Globals, access: Access): string {
  if (globals.db) return path.resolve(globals.db);
  const file = defaultDatabaseFile();
  // The app's data folder is made only by a command that may create the database in it.
  if (!process.env.UPTAKE_DB && access === 'create') fs.mkdirSync(defaultDataDir(), { recursive: true });
  return file;
}

interface OpenedDb {
  engine: Engine;
  /** Closes it; after a failed command, also removes the file if this command created it. */
  close(failed: boolean): void;
}

function openDb(globals: Globals, access: Access): OpenedDb {
  const file = databaseFile(globals, access);
  const existed = fs.existsSync(file);
  const engine = open(file, { create: access === 'create', readonly: access === 'read' });
  return {
    engine,
    close: (failed) => {
      engine.close();
      // A failed command changes nothing: not even an empty database file is left behind.
      if (failed && !existed) for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${engine.file}${suffix}`, { force: true });
    },
  };
}

/** A parser for a whole-number flag in [min, max], so `--seed abc` fails before anything runs, naming the flag. */
function wholeNumber(flag: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw badInput(`${flag}: expected a whole number from ${min} to ${max}, got "${value}".`);
    }
    return n;
  };
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function withEngine<T>(globals: Globals, access: Access, fn: (engine: Engine) => Promise<T> | T): Promise<T> {
  const db = openDb(globals, access);
  let failed = true;
  try {
    const result = await fn(db.engine);
    failed = false;
    return result;
  } finally {
    db.close(failed);
  }
}

function parseJsonInput(text: string, source: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw badInput(
      `The input (${source}) is not valid JSON: ${(e as Error).message}. Quote it for your shell, e.g. '{"name":"Claims North"}'.`,
    );
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  let told = false;
  const cannot = () => {
    if (!told) process.stderr.write(`Could not open a browser; open ${url} yourself.\n`);
    told = true;
  };
  // Not started at all, or started and failed: xdg-open exits 3 (or 4) when it finds no browser.
  child.on('error', cannot);
  child.on('exit', (code) => {
    if (code !== null && code !== 0) cannot();
  });
  child.unref();
}

/**
 * The flag or argument each command fills an operation's input field from. When the operation
 * refuses a field, the message names what the user typed (`--from`), not the field (`from`).
 */
const FIELD_FLAGS: Record<string, Record<string, string>> = {
  init: { workspace: '--workspace', me: '--me' },
  demo: { seed: '--seed' },
  import: {
    kind: 'KIND',
    path: 'FILE',
    dryRun: '--dry-run',
    createMissing: '--create-missing',
    aliases: '--map',
    again: '--again',
    mapping: '--mapping',
    month: '--month',
    effectiveDate: '--effective',
  },
  report: {
    format: '--format',
    initiative: '--initiative',
    team: '--team',
    from: '--from',
    to: '--to',
    folder: '--publish',
    locale: '--locale',
  },
  export: { format: '--format' },
  join: { folder: '--folder', member: '--member', workspace: '--workspace' },
  sync: { folder: '--folder' },
};
/** The command being run (set before its action), for FIELD_FLAGS. */
let running = '';

/** The contract's complaints about the fields of an input the CLI built, in the CLI's terms. */
function flagMessage(command: string, issues: unknown): string | null {
  const flags = FIELD_FLAGS[command];
  if (!flags || !Array.isArray(issues) || issues.length === 0) return null;
  const lines = (issues as { path: PropertyKey[]; message: string }[]).map((issue) => {
    const field = String(issue.path[0] ?? '');
    return `${flags[field] ?? field}: ${issue.message.replace(/\.$/, '')}.`;
  });
  return `${lines.join('\n')}\nRun \`uptake ${command} --help\` for what each option takes.`;
}

function monthOption(flag: string) {
  return (value: string): string => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw badInput(`${flag}: ${value} is not a month (YYYY-MM), e.g. 2026-03.`);
    return value;
  };
}

/** What each kind of file holds: its header row, as the import checks it. */
function importColumnsHelp(): string {
  const kinds = Object.entries(IMPORT_COLUMNS);
  const width = Math.max(...kinds.map(([kind]) => kind.length));
  return [
    '',
    'Columns of each kind (row 1 of the file, in any order; docs/metrics.md gives every type and rule,',
    'examples/ a sample of each):',
    ...kinds.map(([kind, columns]) => `  ${kind.padEnd(width)}  ${columns.join(',')}`),
    ...Object.entries(OPTIONAL_IMPORT_COLUMNS).map(
      ([kind, columns]) => `Optional (may be left out of ${kind} files): ${columns.join(', ')}.`,
    ),
  ].join('\n');
}

/** `--map "Claims Nrth=Claims North"`, repeatable: the names in the file → existing names. */
function mapOption(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  const from = value.slice(0, at).trim();
  const to = value.slice(at + 1).trim();
  if (at < 0 || !from || !to) throw badInput(`--map: "${value}" is not NAME=EXISTING, e.g. --map "Claims Nrth=Claims North".`);
  return { ...previous, [from]: to };
}

/** `--mapping`: a name, or a mapping file (a copied and changed preset) read as JSON. */
function mappingArgument(value: string): string | Record<string, unknown> {
  if (!value.toLowerCase().endsWith('.json')) return value;
  let text: string;
  try {
    text = fs.readFileSync(value, 'utf8');
  } catch {
    throw badInput(
      `--mapping: cannot read ${value}. Give a preset id, a saved mapping's name (\`uptake mappings list\`), or the path of a mapping .json file.`,
    );
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw badInput(`--mapping: ${value} is not valid JSON (${(e as Error).message}).`);
  }
}

/** The formats a file's extension names, for --out without --format. */
const EXTENSION_FORMATS: Record<string, string> = { '.json': 'json', '.csv': 'csv', '.html': 'html', '.pdf': 'pdf' };

/**
 * The format of a command writing to --out: --format when given, else the one the file's
 * extension names (report.pdf is a PDF), else `fallback`. --format and an extension that names
 * another format are refused: the file would hold something other than its name says.
 */
function outFormat<F extends string>(format: F | undefined, out: string | undefined, fallback: F): F {
  const named = out ? EXTENSION_FORMATS[path.extname(out).toLowerCase()] : undefined;
  if (format && named && format !== named) {
    throw badInput(
      `--format ${format} does not match --out ${out}, a .${named} file name: give a .${format} file, or leave out --format (the extension chooses it).`,
    );
  }
  return format ?? (named as F | undefined) ?? fallback;
}

/** The --out file, checked before anything is computed: a folder is refused, with a file name in it to give instead. */
function outFile(out: string, example: string): string {
  checkNotFolder(out, example);
  return path.resolve(out);
}

const KINDS_HELP = () => `Kinds: ${IMPORT_KINDS.join(', ')}. \`uptake import --help\` lists the columns of each.`;

/** An import's refusal in the CLI's terms: the engine's message, then the options that fix it. */
function importFixes(e: UserError, argv: { createMissing?: boolean; kind: string; file: string }): string {
  const data = e.details as Partial<ImportErrorData> | undefined;
  const lines: string[] = [];
  if (data?.alreadyImported) lines.push('To import it again anyway, add --again.');
  const names = data?.names ?? [];
  const close = names.filter((n) => n.suggestion !== null);
  if (close.length > 0) {
    const maps = close.map((n) => `--map ${JSON.stringify(`${n.name}=${n.suggestion}`)}`).join(' ');
    lines.push(`To use the names suggested: uptake import ${argv.kind} ${argv.file} ${maps}`);
  }
  if (names.some((n) => !n.ambiguous) && !argv.createMissing) {
    lines.push('To create the unknown names instead: add --create-missing.');
  }
  return lines.length === 0 ? e.message : `${e.message}\n${lines.join('\n')}`;
}

export function buildProgram(): Command {
  const program = new Command('uptake')
    .description('Uptake: formal versus real adoption of the AI you roll out. Results are JSON on stdout.')
    .option('--db <file>', 'database file (default: $UPTAKE_DB, else the desktop app’s database)')
    .option('--as <member>', 'act as a member who has a profile on this device (name or id)')
    .version(packageVersion(), '--version', 'print the version of Uptake')
    .showHelpAfterError()
    .exitOverride()
    .hook('preAction', (_program, command) => {
      running = command.name();
    });
  const globals = () => program.opts<Globals>();
  /** Runs one operation as the acting member (--as, else this device's profile) and prints its JSON result. */
  const printCall = (access: Access, operation: string, input: unknown) =>
    withEngine(globals(), access, async (engine) => print(await call({ engine, actAs: globals().as ?? null }, operation, input)));

  program
    .command('init')
    .description('create a new workspace, with you (--me) as its first change manager')
    .requiredOption('--workspace <name>', 'the workspace (organisation or programme) name')
    .requiredOption('--me <name>', 'your name')
    .action(async (opts: { workspace: string; me: string }) => {
      const input = { workspace: opts.workspace, me: opts.me };
      parseInput('workspace.init', input);
      await withEngine(globals(), 'create', async (engine) => print(await callTyped({ engine }, 'workspace.init', input)));
    });

  program
    .command('demo')
    .description('a realistic demo workspace in an empty database')
    .addOption(
      new Option('--seed <n>', 'seed for the generated data').argParser(wholeNumber('--seed', 0, Number.MAX_SAFE_INTEGER)).default(1),
    )
    .action(async (opts: { seed: number }) => {
      await withEngine(globals(), 'create', async (engine) => print(await callTyped({ engine }, 'workspace.demo', { seed: opts.seed })));
    });

  program
    .command('serve')
    .description('the web host on 127.0.0.1; prints its URL (with its token)')
    .addOption(new Option('--port <n>', 'port (default: any free one)').argParser(wholeNumber('--port', 0, 65535)).default(0))
    .option('--open', 'open the URL in the default browser')
    .action(async (opts: { port: number; open?: boolean }) => {
      // Loaded here only: every other command would pay its start-up time and memory for nothing.
      const { checkRendererBuilt, startWebHost } = await import('./web-host');
      // Before the database is opened or created, so a missing build changes nothing.
      const fromEnv = process.env.UPTAKE_RENDERER_DIR;
      const staticDir = fromEnv ? path.resolve(fromEnv) : path.join(repoRoot, 'dist', 'renderer');
      checkRendererBuilt(staticDir, fromEnv ? 'UPTAKE_RENDERER_DIR' : undefined);
      const db = openDb(globals(), 'create');
      let host: WebHost;
      try {
        host = await startWebHost({ engine: db.engine, port: opts.port, staticDir, log: (line) => process.stderr.write(`${line}\n`) });
      } catch (e) {
        db.close(true);
        throw e;
      }
      print({ url: host.url, database: db.engine.file });
      process.stderr.write(`Uptake is running at ${host.url}\nDatabase: ${db.engine.file}\nPress Ctrl+C to stop.\n`);
      if (opts.open) openInBrowser(host.url);
      let stopping = false;
      const stop = (why: string) => {
        if (stopping) process.exit(1); // asked twice: do not wait for the clean stop
        stopping = true;
        process.stderr.write(`Stopping (${why}).\n`);
        host.close().finally(() => {
          db.close(false);
          process.exit(0);
        });
      };
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(signal));
      // Under `npm run` (or npx) this process runs below `sh -c`, and npm passes a SIGTERM to that
      // shell only, which exits without passing it on: so stop when the parent is gone.
      if (process.env.npm_lifecycle_event) {
        const parent = process.ppid;
        setInterval(() => {
          if (!stopping && process.ppid !== parent) stop('the npm process that started it has exited');
        }, 250).unref();
      }
      await new Promise(() => {});
    });

  program
    .command('ops')
    .description('every API operation with its input JSON schema')
    .action(() => {
      print(
        operationNames().map((name) => {
          const def = procedureOf(name)['~orpc'];
          const meta = def.meta as OperationMeta;
          const schema = def.inputSchema as z.ZodType | undefined;
          return {
            name,
            kind: meta.kind,
            summary: meta.summary,
            allowed: permissions[name],
            input: schema ? z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) : {},
          };
        }),
      );
    });

  program
    .command('call')
    .description('run one operation (e.g. teams.create) and print its JSON result')
    .argument('<operation>', 'AREA.OPERATION, e.g. teams.create (see `uptake ops`)')
    .argument('[json]', 'the input as JSON, or - to read it from stdin', '')
    .action(async (operation: string, json: string) => {
      procedureOf(operation);
      const input = json === '-' ? parseJsonInput(await readStdin(), 'stdin') : parseJsonInput(json, 'argument');
      parseInput(operation as OperationName, input);
      const create = operation === 'workspace.init' || operation === 'workspace.demo';
      await printCall(create ? 'create' : 'write', operation, input);
    });

  program
    .command('import')
    .description('import a CSV: usage, decisions, pulse, shadow-processes, people or stakeholders (all or nothing)')
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .argument('<file>', 'the CSV file')
    .option('--dry-run', 'validate and report what would change, write nothing')
    .option('--create-missing', 'create teams and initiatives the file names but the workspace lacks')
    .option('--map <name=existing>', 'read a name in the file as an existing team or initiative (repeatable)', mapOption)
    .option('--again', 'import the file even though the same file was imported before')
    .option(
      '--mapping <name>',
      'read a file in another system’s format with this mapping: a preset id, a saved mapping’s name, or a mapping .json file',
    )
    .option('--month <YYYY-MM>', 'a per-user report (Copilot usage): the month it is counted for (default: the month of its refresh date)')
    .option('--per-app', 'a per-user report: also count each app as its own initiative ("<initiative>: <app>")')
    .option('--effective <YYYY-MM-DD>', 'people: the day a directory without an effective_date column takes effect (default: today)')
    .addHelpText('after', importColumnsHelp)
    .action(
      async (
        kind: string,
        file: string,
        opts: {
          dryRun?: boolean;
          createMissing?: boolean;
          map?: Record<string, string>;
          again?: boolean;
          mapping?: string;
          month?: string;
          perApp?: boolean;
          effective?: string;
        },
      ) => {
        if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
          throw badInput(`Unknown import kind "${kind}". ${KINDS_HELP()}`);
        }
        await withEngine(globals(), 'write', async (engine) => {
          // Progress on stderr, at most a few times a second: a line that rewrites itself on a
          // terminal, plain lines otherwise (a log file gets one per second).
          const tty = process.stderr.isTTY === true;
          let last = 0;
          const started = Date.now();
          const onProgress = ({ phase, rows }: { phase: ImportPass; rows: number }) => {
            const now = Date.now();
            // A file checked within a second prints no progress (a refused file: only its message).
            if (now - last < (tty ? 200 : 1000) || (phase === 'checking' && now - started < 1000)) return;
            last = now;
            // A dry run's second pass writes nothing: it counts what the import would change.
            const what = {
              checking: `Checking ${path.basename(file)}`,
              counting: `Counting changes in ${path.basename(file)} (dry run, nothing is written)`,
              writing: `Writing ${path.basename(file)}`,
            }[phase];
            const line = `${what}: ${plural(rows, 'row')} (${((now - started) / 1000).toFixed(1)} s)`;
            process.stderr.write(tty ? `\r${line}` : `${line}\n`);
          };
          const summary = await callTyped({ engine, actAs: globals().as ?? null, onProgress }, 'imports.run', {
            kind,
            path: path.resolve(file),
            dryRun: opts.dryRun ?? false,
            createMissing: opts.createMissing ?? false,
            again: opts.again ?? false,
            ...(opts.map ? { aliases: opts.map } : {}),
            ...(opts.mapping ? { mapping: mappingArgument(opts.mapping) } : {}),
            ...(opts.month ? { month: opts.month } : {}),
            ...(opts.perApp ? { perApp: true } : {}),
            ...(opts.effective ? { effectiveDate: opts.effective } : {}),
          }).catch((e: unknown) => {
            if (tty && last > 0) process.stderr.write('\r\x1b[K');
            if (e instanceof UserError && e.details && 'problems' in e.details) {
              throw new UserError(
                e.code,
                importFixes(e, { kind, file, ...(opts.createMissing ? { createMissing: true } : {}) }),
                e.details,
              );
            }
            throw e;
          });
          if (tty && last > 0) process.stderr.write('\r\x1b[K');
          print(summary);
          // A decision is replaced (its key names one recommendation); a stakeholder, a person, is updated.
          const changed = kind === 'decisions' ? 'replaced' : kind === 'stakeholders' ? 'updated' : 'changed';
          const counts = `${summary.new} new, ${summary.changed} ${changed}, ${summary.unchanged} ${kind === 'decisions' ? 'duplicate' : 'unchanged'}`;
          const earlier = summary.alreadyImported
            ? ` The same ${summary.mapping ? 'rows were' : 'file was'} imported on ${summary.alreadyImported.importedAt.slice(0, 10)} (batch ${summary.alreadyImported.id.slice(0, 8)}); importing it needs --again.`
            : '';
          const via = summary.mapping ? ` (read with the mapping "${summary.mapping}"${summary.month ? ` for ${summary.month}` : ''})` : '';
          const missing = summary.notInDirectory?.count
            ? ` ${plural(summary.notInDirectory.count, 'user')} of the report ${summary.notInDirectory.count === 1 ? 'is' : 'are'} not in the people directory and counted in no team: ${summary.notInDirectory.users.slice(0, 5).join(', ')}${summary.notInDirectory.count > 5 ? ', …' : ''} (all listed in notInDirectory).`
            : '';
          process.stderr.write(
            summary.dryRun
              ? `Checked ${plural(summary.rows, 'row')} of ${summary.file}${via}: nothing was written. Importing it would add ${counts}.${earlier}${missing}\n`
              : `Imported ${plural(summary.rows, 'row')} of ${summary.file}${via}: ${counts}.${missing}\n`,
          );
        });
      },
    );

  const mappings = program
    .command('mappings')
    .description('column mappings for files in other systems’ formats: the presets (presets/) and those saved on this device');
  mappings
    .command('list')
    .description('list the presets and saved mappings')
    .action(async () => {
      await printCall('read', 'imports.mappings', {});
    });
  mappings
    .command('show')
    .description('print a mapping in full, as JSON (copy a preset to a file, change it, and import with --mapping FILE.json)')
    .argument('<name>', 'a preset id or a saved mapping’s name')
    .action(async (name: string) => {
      await printCall('read', 'imports.mapping', { name });
    });
  mappings
    .command('delete')
    .description('delete a saved mapping')
    .argument('<name>', 'a saved mapping’s name')
    .action(async (name: string) => {
      await printCall('write', 'imports.deleteMapping', { name });
    });

  program
    .command('template')
    .description('print a template of a kind of file: its header row and two example rows')
    .argument('<kind>', IMPORT_KINDS.join(' | '))
    .action((kind: string) => {
      if (!(IMPORT_KINDS as readonly string[]).includes(kind)) throw badInput(`Unknown import kind "${kind}". ${KINDS_HELP()}`);
      process.stdout.write(importTemplate(kind as (typeof IMPORT_KINDS)[number]).csv);
    });

  program
    .command('report')
    .description('formal against real adoption, per initiative and team (docs/metrics.md), as JSON, CSV, HTML or PDF; or publish it')
    .addOption(
      new Option('--format <format>', 'output format (default: the --out file’s extension if it is one of these, else json)').choices([
        'json',
        'csv',
        'html',
        'pdf',
      ]),
    )
    .option('--out <file>', 'write to this file instead of stdout (required for pdf)')
    .addOption(
      new Option(
        '--publish <dir>',
        'write uptake-report.html and uptake-report.json into DIR, a shared folder (each file atomically)',
      ).conflicts(['out', 'format']),
    )
    .option('--initiative <name>', 'one initiative (name or id)')
    .option('--team <name>', 'one team, with its sub-teams (name or id)')
    .addOption(new Option('--from <month>', 'first month, YYYY-MM').argParser(monthOption('--from')))
    .addOption(new Option('--to <month>', 'last month, YYYY-MM').argParser(monthOption('--to')))
    .option('--locale <tag>', 'numbers and dates of the HTML and PDF in this locale, e.g. en-GB, de-DE (default: the environment’s)')
    .action(
      async (opts: {
        format?: 'json' | 'csv' | 'html' | 'pdf';
        out?: string;
        publish?: string;
        initiative?: string;
        team?: string;
        from?: string;
        to?: string;
        locale?: string;
      }) => {
        const slice = { initiative: opts.initiative ?? null, team: opts.team ?? null, from: opts.from ?? null, to: opts.to ?? null };
        const locale = opts.locale ?? Intl.DateTimeFormat().resolvedOptions().locale;
        if (opts.from && opts.to && opts.from > opts.to) {
          throw badInput(`--from ${opts.from} is after --to ${opts.to}: give the first month of the period, then the last.`);
        }
        const chosen = outFormat(opts.format, opts.out, 'json');
        const out = opts.out === undefined ? undefined : outFile(opts.out, `report.${chosen}`);
        if (chosen === 'pdf' && !out) {
          throw badInput('--format pdf needs --out FILE (a PDF is written to a file, not to the terminal), e.g. --out report.pdf');
        }
        // Before the report is computed, so a machine without Chromium hears it at once.
        const chromium = chosen === 'pdf' ? await chromiumForPdf() : null;
        // Publishing remembers its folder in the database; the other formats only read it.
        await withEngine(globals(), opts.publish ? 'write' : 'read', async (engine) => {
          const host = { engine, actAs: globals().as ?? null };
          if (opts.publish) {
            const result = await callTyped(host, 'reports.publish', { ...slice, locale, folder: path.resolve(opts.publish) });
            print(result);
            const files = result.files.map((f) => `${f.name} (${plural(f.bytes, 'byte')})`).join(' and ');
            process.stderr.write(`Published ${files} to ${result.folder}\n`);
            return;
          }
          const format = chosen === 'pdf' ? 'html' : chosen;
          const exported = await callTyped(host, 'reports.export', { ...slice, format, locale });
          if (chromium && out) {
            let pdf: Buffer;
            try {
              pdf = await printHtmlToPdf(exported.content, chromium.path);
            } catch (e) {
              if (!(e instanceof PrintError)) throw e;
              process.stderr.write(`uptake: ${e.message}\n`);
              process.exitCode = 2;
              return;
            }
            writeFileAtomic(out, pdf);
            process.stderr.write(`PDF report written to ${out} (printed with ${chromium.path})\n`);
          } else if (out) {
            writeFileAtomic(out, exported.content);
            process.stderr.write(`Report written to ${out}\n`);
          } else process.stdout.write(exported.content);
        });
      },
    );

  program
    .command('export')
    .description(
      'all workspace data as JSON, deterministic order (local-only state excluded); or the stakeholder register, feedback or failure patterns',
    )
    .argument('[what]', 'workspace (all data, JSON), stakeholders (CSV), feedback or patterns (CSV or JSON)', 'workspace')
    .addOption(
      new Option(
        '--format <format>',
        'output format (default: the --out file’s extension, .json or .csv; else json for the workspace, csv otherwise)',
      ).choices(['json', 'csv']),
    )
    .addOption(new Option('--show <show>', 'feedback only: open, done or all items (default: all)').choices(['open', 'done', 'all']))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (what: string, opts: { format?: 'json' | 'csv'; show?: 'open' | 'done' | 'all'; out?: string }) => {
      const formats: Record<string, readonly ('json' | 'csv')[]> = {
        workspace: ['json'],
        stakeholders: ['csv'],
        feedback: ['csv', 'json'],
        patterns: ['csv', 'json'],
      };
      const allowed = formats[what];
      if (!allowed) {
        throw badInput(
          `export ${what}: export the workspace (all data as JSON), stakeholders (the register as CSV), feedback or patterns (CSV or JSON).`,
        );
      }
      if (opts.show && what !== 'feedback') {
        throw badInput(
          `--show ${opts.show}: only \`uptake export feedback\` takes --show (open, done or all items); export ${what} has no such choice.`,
        );
      }
      const format = outFormat<string>(opts.format, opts.out, what === 'workspace' ? 'json' : 'csv');
      if (!(allowed as readonly string[]).includes(format)) {
        const given = opts.format ? `--format ${format}` : `--out ${opts.out} (a .${format} file name)`;
        throw badInput(
          what === 'stakeholders'
            ? `${given}: the stakeholders export is CSV; for everything as JSON run uptake export.`
            : what === 'workspace'
              ? `${given}: the workspace export is JSON (many tables); CSV is for stakeholders, feedback or patterns.`
              : `${given}: the ${what} export is CSV or JSON.`,
        );
      }
      const out = opts.out === undefined ? undefined : outFile(opts.out, `${what}.${format}`);
      await withEngine(globals(), 'read', async (engine) => {
        const host = { engine, actAs: globals().as ?? null };
        const text =
          what === 'workspace'
            ? `${JSON.stringify(await callTyped(host, 'workspace.export', {}), null, 2)}\n`
            : what === 'stakeholders'
              ? (await callTyped(host, 'stakeholders.exportCsv', {})).content
              : (
                  await callTyped(host, 'feedback.export', {
                    what: what as 'feedback' | 'patterns',
                    format: format as 'json' | 'csv',
                    show: opts.show ?? 'all',
                  })
                ).content;
        if (out) {
          writeFileAtomic(out, text);
          process.stderr.write(`Exported to ${opts.out}\n`);
        } else process.stdout.write(text);
      });
    });

  program
    .command('sync')
    .description("publish this device's changes to the shared folder, apply the other devices', print a summary")
    .option('--folder <dir>', 'the shared folder (a full path; remembered on this device, so later syncs may leave it out)')
    .option('--allow-mass-delete', 'apply a sync that deletes more than 20% (or 50) of the records of a table')
    .option('--snapshot', "also write a snapshot of this device's state, for new devices to start from (done anyway every 10,000 changes)")
    .option('--compact', "remove this device's change files that every device has read and a snapshot holds (done anyway after a snapshot)")
    .action(async (opts: { folder?: string; allowMassDelete?: boolean; snapshot?: boolean; compact?: boolean }) => {
      await withEngine(globals(), 'write', async (engine) => {
        const folder = opts.folder === undefined ? undefined : path.resolve(opts.folder);
        const summary = await callTyped({ engine, actAs: globals().as ?? null }, 'sync.run', {
          ...(folder ? { folder } : {}),
          ...(opts.allowMassDelete ? { allowMassDelete: true } : {}),
          ...(opts.snapshot ? { snapshot: true } : {}),
          ...(opts.compact ? { compact: true } : {}),
        });
        print(summary);
        if (summary.rejoin) {
          process.stderr.write(`uptake: ${summary.rejoin}\n`);
          process.exitCode = 1;
          return;
        }
        const waiting = summary.problems.length + summary.moreProblems + summary.quarantined.length + summary.moreQuarantined;
        process.stderr.write(
          `Synced with ${summary.folder}: published ${plural(summary.published.changes, 'change')}, applied ${plural(summary.imported.changes, 'change')} from ${plural(summary.devices.length, 'other device')}${waiting ? `; ${plural(waiting, 'file')} not applied (see problems)` : ''}${summary.compacted?.files ? `; removed ${plural(summary.compacted.files, 'old change file')} of this device (every device has read them)` : ''}.\n`,
        );
      });
    });

  program
    .command('join')
    .description('make a new database a device of a workspace found in the shared folder, as a member a change manager added')
    .requiredOption('--folder <dir>', 'the shared folder')
    .requiredOption('--member <name>', 'your name (or member id) as a change manager added you')
    .option('--workspace <id>', 'which workspace, when the folder holds more than one')
    .action(async (opts: { folder: string; member: string; workspace?: string }) => {
      const input = { folder: path.resolve(opts.folder), member: opts.member, ...(opts.workspace ? { workspace: opts.workspace } : {}) };
      parseInput('sync.join', input);
      await withEngine(globals(), 'create', async (engine) => {
        const joined = await callTyped({ engine }, 'sync.join', input);
        print(joined);
        process.stderr.write(
          `Joined ${joined.workspace?.name ?? 'the workspace'} as ${joined.me?.name ?? opts.member}: applied ${plural(joined.sync.imported.changes, 'change')} from ${plural(joined.sync.devices.length, 'device')}.\n`,
        );
      });
    });

  program
    .command('check')
    .description('integrity check, schema version, change-log consistency')
    .action(async () => {
      await withEngine(globals(), 'read', async (engine) => {
        const result = await callTyped({ engine, actAs: globals().as ?? null }, 'workspace.check', {});
        print(result);
        if (!result.ok) process.exitCode = 2;
      });
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  running = '';
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 1;
    }
    if (e instanceof UserError) {
      process.stderr.write(`uptake: ${flagMessage(running, e.details?.issues) ?? e.message}\n`);
      return 1;
    }
    process.stderr.write(`uptake: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
