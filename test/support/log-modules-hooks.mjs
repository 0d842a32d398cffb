import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (process.env.XXGK_MODULE_LOG) appendFileSync(process.env.XXGK_MODULE_LOG, `${resolved.url}\n`);
  return resolved;
}
