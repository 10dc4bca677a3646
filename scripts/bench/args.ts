import path from 'node:path';
import { parseArgs } from 'node:util';

/*
 * The flags of the dev scripts (benchmarks, fuzz:sync), parsed one way for all of them: a number
 * flag takes a whole number (`--rows 1000`), a text flag any value (`--db FILE`), a switch none
 * (`--verbose`). An unknown flag, a flag without its value or a number that is not one ends the
 * script before anything runs: exit 1, what was wrong, and the script's usage. `--help` prints
 * the usage.
 */

export interface FlagSpec<N extends string, T extends string, S extends string> {
  /** How to run the script and what each flag means, printed with every mistake. */
  usage: string;
  /** Whole-number flags and their defaults. */
  numbers?: Record<N, number>;
  /** Flags that take a text value, undefined when left out. */
  texts?: readonly T[];
  /** Flags without a value: true when given. */
  switches?: readonly S[];
}

export type Flags<N extends string, T extends string, S extends string> = { [K in N]: number } & {
  [K in T]: string | undefined;
} & { [K in S]: boolean };

/** The script's flags from `argv` (default: the process's), or exit 1 with the message and the usage. */
export function scriptFlags<N extends string = never, T extends string = never, S extends string = never>(
  spec: FlagSpec<N, T, S>,
  argv: string[] = process.argv.slice(2),
): Flags<N, T, S> {
  const script = path.basename(process.argv[1] ?? 'script');
  const fail = (message: string): never => {
    process.stderr.write(`${script}: ${message}\n${spec.usage}\n`);
    process.exit(1);
  };
  const numbers = (spec.numbers ?? {}) as Record<string, number>;
  const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
  for (const name of [...Object.keys(numbers), ...(spec.texts ?? [])]) options[name] = { type: 'string' };
  for (const name of spec.switches ?? []) options[name] = { type: 'boolean' };
  let values: Record<string, string | boolean | undefined> = {};
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as typeof values;
  } catch (e) {
    // Node's words, without its advice on positional arguments (these scripts take none).
    const message = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '');
    fail(message.endsWith('.') ? message : `${message}.`);
  }
  if (values.help) {
    process.stdout.write(`${spec.usage}\n`);
    process.exit(0);
  }
  const flags: Record<string, string | number | boolean | undefined> = {};
  for (const [name, fallback] of Object.entries(numbers)) {
    const value = values[name];
    if (typeof value !== 'string') {
      flags[name] = fallback;
      continue;
    }
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) fail(`--${name} takes a whole number, not "${value}".`);
    flags[name] = n;
  }
  for (const name of spec.texts ?? []) flags[name] = values[name] as string | undefined;
  for (const name of spec.switches ?? []) flags[name] = values[name] === true;
  return flags as Flags<N, T, S>;
}

/** Ends the script with exit 1 and `message` (a mistake in what it was given, found after parsing). */
export function refuse(message: string): never {
  process.stderr.write(`${path.basename(process.argv[1] ?? 'script')}: ${message}\n`);
  process.exit(1);
}
