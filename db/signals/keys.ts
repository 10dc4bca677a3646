import type { Engine } from '../open';

/** Local integer keys for text ids in the big signal tables (see `signal_keys` in the schema). */
export class SignalKeys {
  private readonly cache = new Map<string, number>();
  private readonly select;
  private readonly insert;
  constructor(engine: Engine) {
    this.select = engine.sqlite.prepare('SELECT id FROM signal_keys WHERE kind = ? AND value = ?').pluck();
    this.insert = engine.sqlite.prepare('INSERT INTO signal_keys (kind, value) VALUES (?, ?)');
  }
  get(kind: 'team' | 'initiative' | 'user' | 'batch', value: string): number {
    const k = `${kind}:${value}`;
    let id = this.cache.get(k);
    if (id !== undefined) return id;
    id = (this.select.get(kind, value) as number | undefined) ?? Number(this.insert.run(kind, value).lastInsertRowid);
    this.cache.set(k, id);
    return id;
  }
}

/** All keys of one kind: integer → text id. */
export function keyValues(engine: Engine, kind: 'team' | 'initiative' | 'user' | 'batch'): Map<number, string> {
  return new Map(
    (engine.sqlite.prepare('SELECT id, value FROM signal_keys WHERE kind = ?').raw().all(kind) as [number, string][]).map(([id, v]) => [
      id,
      v,
    ]),
  );
}

/** 'YYYY-MM' ⇄ YYYYMM. */
export const monthToInt = (m: string): number => Number(m.slice(0, 4)) * 100 + Number(m.slice(5, 7));
export const intToMonth = (n: number): string => `${Math.floor(n / 100)}-${String(n % 100).padStart(2, '0')}`;
