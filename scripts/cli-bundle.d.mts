export function ensureCliBundle(): Promise<void>;
export function loadCli(): Promise<(argv: string[]) => Promise<number>>;
