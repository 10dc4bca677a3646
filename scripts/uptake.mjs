#!/usr/bin/env node
// `npx uptake …` and `npm run uptake -- …`: the TypeScript CLI in this very process, with tsx's
// loader registered here rather than a `tsx` wrapper that starts a second node process, so that a
// signal sent to this process (SIGTERM from a process manager, npm) reaches the CLI itself.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./uptake.ts');
process.exitCode = await main(process.argv.slice(2));
