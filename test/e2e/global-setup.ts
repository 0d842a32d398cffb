import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildApp, serve } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

/** Builds the app once into a temporary folder and serves it with `vite preview`. */
export default async function setup(project: TestProject) {
  const outDir = buildApp();
  const server = await serve(outDir);
  project.provide('appUrl', server.url);
  return () => {
    server.stop();
    rmSync(outDir, { recursive: true, force: true });
  };
}
