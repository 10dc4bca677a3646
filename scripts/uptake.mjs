#!/usr/bin/env node
// `npx uptake …` and `npm run uptake -- …`: the CLI in this very process (not a wrapper that starts a
// second node process), so that a signal sent to this process (SIGTERM from a process manager, npm)
// reaches the CLI itself. It runs from a bundle of the sources kept up to date by cli-bundle.mjs.
import { loadCli } from './cli-bundle.mjs';

// A reader that stops early (`uptake ops | head`) closes the pipe: stop quietly, as other command-line
// tools do, instead of a stack trace for the write that found it closed.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const main = await loadCli();
process.exitCode = await main(process.argv.slice(2));
