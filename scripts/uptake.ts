import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { z } from 'zod';
import { call, callTyped, operationNames } from '../db/api';
import { procedureOf } from '../db/api/context';
import type { OperationMeta } from '../db/api/contract';
import { permissions } from '../db/api/permissions';
import { badInput, UserError } from '../db/errors';
import { type Engine, open } from '../db/open';
import { defaultDatabaseFile, defaultDataDir } from '../db/paths';
import { writeFileAtomic } from '../db/reports/publish';
import { chromiumForPdf, PrintError, printHtmlToPdf } from './print-pdf';

/*
 * The CLI host: the same operations as the app, for scripting, tests and automation.
 * Results are JSON on stdout; messages go to stderr. Exit codes: 0 done, 1 the user's input was
 * wrong (the message says what, where and what to do), 2 anything else. A failed command changes
 * nothing: every operation is one transaction.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Globals {
  db?: string;
  as?: string;
}

function databaseFile(globals: Globals): string {
  if (globals.db) return path.resolve(globals.db);
  const file = defaultDatabaseFile();
  if (!process.env.UPTAKE_DB) fs.mkdirSync(defaultDataDir(), { recursive: true });
  return file;
}

function openDb(globals: Globals, create: boolean): Engine {
  return open(databaseFile(globals), { create });
}

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function withEngine<T>(globals: Globals, create: boolean, fn: (engine: Engine) => Promise<T> | T): Promise<T> {
  const engine = openDb(globals, create);
  try {
    return await fn(engine);
  } finally {
    engine.close();
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
  child.on('error', () => process.stderr.write(`Could not open a browser; open ${url} yourself.\n`));
  child.unref();
}

export function buildProgram(): Command {
  const program = new Command('uptake')
    .description('Uptake: formal versus real adoption of the AI you roll out. Results are JSON on stdout.')
    .option('--db <file>', 'database file (default: $UPTAKE_DB, else the desktop app’s database)')
    .option('--as <member>', 'act as a member who has a profile on this device (name or id)')
    .showHelpAfterError()
    .exitOverride();
  const globals = () => program.opts<Globals>();

  program
    .command('init')
    .description('create a new workspace; NAME is its first change manager')
    .requiredOption('--workspace <name>', 'the workspace (organisation or programme) name')
    .requiredOption('--me <name>', 'your name')
    .action(async (opts: { workspace: string; me: string }) => {
      await withEngine(globals(), true, async (engine) =>
        print(await callTyped({ engine }, 'workspace.init', { workspace: opts.workspace, me: opts.me })),
      );
    });

  program
    .command('demo')
    .description('a realistic demo workspace in an empty database')
    .addOption(new Option('--seed <n>', 'seed for the generated data').argParser((v) => Number.parseInt(v, 10)).default(1))
    .action(async (opts: { seed: number }) => {
      await withEngine(globals(), true, async (engine) => print(await callTyped({ engine }, 'workspace.demo', { seed: opts.seed })));
    });

  program
    .command('serve')
    .description('the web host on 127.0.0.1; prints its URL (with its token)')
    .addOption(new Option('--port <n>', 'port (default: any free one)').argParser((v) => Number.parseInt(v, 10)).default(0))
    .option('--open', 'open the URL in the default browser')
    .action(async (opts: { port: number; open?: boolean }) => {
      const engine = openDb(globals(), true);
      // Loaded here only: every other command would pay its start-up time and memory for nothing.
      const { startWebHost } = await import('./web-host');
      const host = await startWebHost({
        engine,
        port: opts.port,
        staticDir: path.join(repoRoot, 'dist', 'renderer'),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      print({ url: host.url, database: engine.file });
      process.stderr.write(`Uptake is running at ${host.url}\nDatabase: ${engine.file}\nPress Ctrl+C to stop.\n`);
      if (opts.open) openInBrowser(host.url);
      const stop = async () => {
        await host.close();
        engine.close();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
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
      const create = operation === 'workspace.init' || operation === 'workspace.demo';
      await withEngine(globals(), create, async (engine) => print(await call({ engine, actAs: globals().as ?? null }, operation, input)));
    });

  program
    .command('import')
    .description('import a CSV: usage, decisions, pulse or shadow-processes (all or nothing)')
    .argument('<kind>', 'usage | decisions | pulse | shadow-processes')
    .argument('<file>', 'the CSV file')
    .option('--dry-run', 'validate and report what would change, write nothing')
    .option('--create-missing', 'create teams and initiatives the file names but the workspace lacks')
    .action(async (kind: string, file: string, opts: { dryRun?: boolean; createMissing?: boolean }) => {
      await withEngine(globals(), false, async (engine) => {
        // Progress on stderr, at most a few times a second: a line that rewrites itself on a
        // terminal, plain lines otherwise (a log file gets one per second).
        const tty = process.stderr.isTTY === true;
        let last = 0;
        const started = Date.now();
        const onProgress = ({ rows }: { rows: number }) => {
          const now = Date.now();
          if (now - last < (tty ? 200 : 1000)) return;
          last = now;
          const line = `Reading ${path.basename(file)}: ${rows.toLocaleString('en-US')} rows (${((now - started) / 1000).toFixed(1)} s)`;
          process.stderr.write(tty ? `\r${line}` : `${line}\n`);
        };
        const summary = await callTyped({ engine, actAs: globals().as ?? null, onProgress }, 'imports.run', {
          kind,
          path: path.resolve(file),
          dryRun: opts.dryRun ?? false,
          createMissing: opts.createMissing ?? false,
        });
        if (tty && last > 0) process.stderr.write('\r\x1b[K');
        print(summary);
        process.stderr.write(
          `${summary.dryRun ? 'Dry run: would import' : 'Imported'} ${summary.rows.toLocaleString('en-US')} rows of ${summary.file}: ${summary.new} new, ${summary.changed} ${kind === 'decisions' ? 'replaced' : 'changed'}, ${summary.unchanged} ${kind === 'decisions' ? 'duplicate' : 'unchanged'}.\n`,
        );
      });
    });

  program
    .command('report')
    .description('formal against real adoption, per initiative and team (METRICS.md), as JSON, CSV, HTML or PDF; or publish it')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv', 'html', 'pdf']).default('json'))
    .option('--out <file>', 'write to this file instead of stdout (required for pdf)')
    .addOption(
      new Option(
        '--publish <dir>',
        'write uptake-report.html and uptake-report.json into DIR, a shared folder (each file atomically)',
      ).conflicts(['out', 'format']),
    )
    .option('--initiative <name>', 'one initiative (name or id)')
    .option('--team <name>', 'one team, with its sub-teams (name or id)')
    .option('--from <month>', 'first month, YYYY-MM')
    .option('--to <month>', 'last month, YYYY-MM')
    .action(
      async (opts: {
        format: 'json' | 'csv' | 'html' | 'pdf';
        out?: string;
        publish?: string;
        initiative?: string;
        team?: string;
        from?: string;
        to?: string;
      }) => {
        const slice = { initiative: opts.initiative ?? null, team: opts.team ?? null, from: opts.from ?? null, to: opts.to ?? null };
        if (opts.format === 'pdf' && !opts.out) {
          throw badInput('--format pdf needs --out FILE (a PDF is written to a file, not to the terminal), e.g. --out report.pdf');
        }
        // Before the report is computed, so a machine without Chromium hears it at once.
        const chromium = opts.format === 'pdf' ? await chromiumForPdf() : null;
        await withEngine(globals(), false, async (engine) => {
          const host = { engine, actAs: globals().as ?? null };
          if (opts.publish) {
            const result = await callTyped(host, 'reports.publish', { ...slice, folder: path.resolve(opts.publish) });
            print(result);
            const files = result.files.map((f) => `${f.name} (${f.bytes.toLocaleString('en-US')} bytes)`).join(' and ');
            process.stderr.write(`Published ${files} to ${result.folder}\n`);
            return;
          }
          const format = opts.format === 'pdf' ? 'html' : opts.format;
          const exported = await callTyped(host, 'reports.export', { ...slice, format });
          if (chromium && opts.out) {
            let pdf: Buffer;
            try {
              pdf = await printHtmlToPdf(exported.content, chromium.path);
            } catch (e) {
              if (!(e instanceof PrintError)) throw e;
              process.stderr.write(`uptake: ${e.message}\n`);
              process.exitCode = 2;
              return;
            }
            const out = path.resolve(opts.out);
            writeFileAtomic(out, pdf);
            process.stderr.write(`PDF report written to ${out} (printed with ${chromium.path})\n`);
          } else if (opts.out) {
            const out = path.resolve(opts.out);
            writeFileAtomic(out, exported.content);
            process.stderr.write(`Report written to ${out}\n`);
          } else process.stdout.write(exported.content);
        });
      },
    );

  program
    .command('export')
    .description('all workspace data, deterministic order (local-only state excluded)')
    .addOption(new Option('--format <format>', 'output format').choices(['json']).default('json'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: { format: 'json'; out?: string }) => {
      await withEngine(globals(), false, async (engine) => {
        const data = await callTyped({ engine, actAs: globals().as ?? null }, 'workspace.export', {});
        const text = `${JSON.stringify(data, null, 2)}\n`;
        if (opts.out) {
          writeFileAtomic(path.resolve(opts.out), text);
          process.stderr.write(`Exported to ${opts.out}\n`);
        } else process.stdout.write(text);
      });
    });

  program
    .command('check')
    .description('integrity check, schema version, change-log consistency')
    .action(async () => {
      await withEngine(globals(), false, async (engine) => {
        const result = await callTyped({ engine, actAs: globals().as ?? null }, 'workspace.check', {});
        print(result);
        if (!result.ok) process.exitCode = 2;
      });
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
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
      process.stderr.write(`uptake: ${e.message}\n`);
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
