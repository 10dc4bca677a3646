import { createORPCClient } from '@orpc/client';
import { RPCLink as FetchRPCLink } from '@orpc/client/fetch';
import { RPCLink as MessagePortRPCLink } from '@orpc/client/message-port';
import type { ContractRouterClient } from '@orpc/contract';
import type { Contract } from '../../../db/api/contract';
import { ELECTRON_PORT_MESSAGE, type UptakeBridge } from '../../../db/api/types';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser talking to the web host. */
    api?: UptakeBridge;
  }
}

export type ApiClient = ContractRouterClient<Contract>;

/**
 * Electron: ask the preload for an API connection by handing it one end of a MessageChannel;
 * only the contract's procedures are reachable through it. Browser: the web host's /rpc
 * endpoint on the same origin (its token cookie rides along), with the header the host requires
 * (scripts/web-host.ts RPC_HEADER): a cross-site form cannot send it.
 */
function createLink() {
  if (window.api?.host === 'electron') {
    const { port1, port2 } = new MessageChannel();
    window.postMessage(ELECTRON_PORT_MESSAGE, '*', [port2]);
    port1.start();
    return new MessagePortRPCLink({ port: port1 });
  }
  return new FetchRPCLink({ url: new URL('/rpc', window.location.origin), headers: { 'x-uptake-rpc': '1' } });
}

export const client: ApiClient = createORPCClient(createLink());
