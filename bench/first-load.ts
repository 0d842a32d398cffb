import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Asset {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
}

export interface FirstLoad {
  readonly assets: readonly Asset[];
  readonly raw: number;
  readonly gzip: number;
  /** Whether code of the docx library is in what the first page loads. */
  readonly docxInFirstLoad: boolean;
  /** The lazily loaded chunks (not in the first load). */
  readonly lazy: readonly Asset[];
}

const size = (path: string, file: string): Asset => {
  const bytes = readFileSync(path);
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

/**
 * What the built app's first page loads: index.html plus the scripts, modulepreloads and
 * stylesheets it references (dist/ from `vite build`). Everything else in dist/assets is lazy.
 */
export function measureFirstLoad(dist: string): FirstLoad {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string);
  const assets = [size(join(dist, 'index.html'), 'index.html'), ...referenced.map((f) => size(join(dist, f), f))];
  const all = readdirSync(join(dist, 'assets')).filter((f) => /\.(js|css)$/.test(f)).map((f) => `assets/${f}`);
  const lazy = all.filter((f) => !referenced.includes(f)).map((f) => size(join(dist, f), f));
  // A string only the docx library carries: its main document part's namespace declaration.
  const marker = 'wordprocessingml';
  const docxInFirstLoad = referenced.some((f) => readFileSync(join(dist, f), 'utf8').includes(marker));
  return {
    assets,
    raw: assets.reduce((s, a) => s + a.raw, 0),
    gzip: assets.reduce((s, a) => s + a.gzip, 0),
    docxInFirstLoad,
    lazy,
  };
}
