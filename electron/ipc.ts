import { ORPCError, onError } from '@orpc/server';
import { RPCHandler } from '@orpc/server/message-port';
import { ipcMain } from 'electron';
import { createRouter } from '../db/api/router';
import type { Engine } from '../db/open';
import { ORPC_PORT_CHANNEL } from './channels';
import { isTrustedFrame } from './security';

/**
 * The API over oRPC's MessagePort adapter. The preload forwards a port the page created; main
 * serves the router on it. Only the contract's procedures are reachable through the port, and
 * each call is validated against the contract and checked against the permission matrix by the
 * same code every host runs (db/api).
 */
export function serveApi(engine: Engine): void {
  const handler = new RPCHandler(createRouter(), {
    interceptors: [
      // A user's mistake (bad input, not allowed) goes back to the page; anything else is logged here too.
      onError((error) => {
        if (!(error instanceof ORPCError) || error.status >= 500) console.error('[uptake api]', error);
      }),
    ],
  });

  ipcMain.on(ORPC_PORT_CHANNEL, (event) => {
    const [port] = event.ports;
    if (!isTrustedFrame(event.senderFrame)) {
      console.warn(`[uptake security] ignored an API port from ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      port?.close();
      return;
    }
    if (!port) return;
    handler.upgrade(port, { context: { engine } });
    port.start();
  });
}
