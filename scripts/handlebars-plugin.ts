import Handlebars from 'handlebars';
import type { Plugin } from 'vite';

/**
 * Precompiles `*.hbs` templates at build time, so the app and the CLI ship only
 * `handlebars/runtime` and never need `new Function` (no CSP `unsafe-eval`).
 * A module `x.hbs` exports the precompiled template spec; `src/render/handlebars-env.ts`
 * turns it into a function inside one isolated environment.
 * `*.txt.hbs` are plain-text templates: compiled with `noEscape`, as HTML escaping would corrupt them.
 */
export function handlebarsPrecompile(): Plugin {
  return {
    name: 'xxgk-handlebars-precompile',
    enforce: 'pre',
    transform(source, id) {
      if (!id.endsWith('.hbs')) return null;
      const noEscape = id.endsWith('.txt.hbs');
      const spec = Handlebars.precompile(source, { strict: true, preventIndent: true, noEscape });
      return { code: `export default (${spec});`, map: null };
    },
  };
}
