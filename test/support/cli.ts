import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The published sample `n` ("000"…"004") as scraped, in ../shared/samples beside the repository. */
export function publishedSample(n: string): string {
  const folder = resolve(__dirname, '../../../shared/samples');
  const name = readdirSync(folder).find((f) => f.startsWith(`${n}_`));
  if (!name) throw new Error(`sample ${n} not found in ${folder}`);
  return join(folder, name);
}

/** A file-system error as Node raises it (`code` set), for injecting failures into the CLI's I/O. */
export const fsError = (code: string): Error => Object.assign(new Error(`${code}: simulated`), { code });
