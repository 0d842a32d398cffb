import { useSyncExternalStore } from 'react';
import type { ReportStore } from './report-store';

/**
 * Subscribes a component to one slice of the store. `select` must return the same value
 * (or the same object) while the slice is unchanged, so unrelated edits do not re-render it.
 */
export function useStoreValue<T>(store: ReportStore, select: (store: ReportStore) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store));
}

/** A tiny observable value for UI state shared by many components (e.g. the focused cell). */
export class Signal<T> {
  #value: T;
  #listeners = new Set<() => void>();
  constructor(value: T) {
    this.#value = value;
  }
  get = (): T => this.#value;
  set(value: T): void {
    if (Object.is(value, this.#value)) return;
    this.#value = value;
    for (const listener of [...this.#listeners]) listener();
  }
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}

export function useSignal<T>(signal: Signal<T>): T {
  return useSyncExternalStore(signal.subscribe, signal.get);
}
