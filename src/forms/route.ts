import type { StepId } from './steps';
import { STEPS } from './steps';

/**
 * The address of what is open: `#/draft/<id>/<step>` for a step of a draft, no hash for the drafts
 * list. Opening a draft, another step or the list adds a history entry, so the browser's Back and
 * Forward go through them (and leave the app only from its first entry).
 */

export interface Route {
  readonly id: string;
  readonly step: StepId;
}

/** The draft and step named by a location hash; undefined for the list (or an address naming none). */
export function routeOf(hash: string): Route | undefined {
  const m = /^#\/draft\/([\w-]+)(?:\/(.+))?$/.exec(hash);
  if (!m?.[1]) return undefined;
  let step = 'basic';
  try {
    step = decodeURIComponent(m[2] ?? 'basic');
  } catch {
    // A mangled step (a stray %) opens the first step.
  }
  return { id: m[1], step: STEPS.some((s) => s.id === step) ? (step as StepId) : 'basic' };
}

export function hashOf(route: Route | undefined): string {
  return route ? `#/draft/${route.id}/${encodeURIComponent(route.step)}` : '';
}

export const currentRoute = (): Route | undefined => routeOf(window.location.hash);

/** Shows `route` in the address bar: as a new history entry, or in place of the current one. */
export function showRoute(route: Route | undefined, mode: 'push' | 'replace'): void {
  const hash = hashOf(route);
  if (window.location.hash === hash) return;
  const url = hash || window.location.pathname + window.location.search;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}
