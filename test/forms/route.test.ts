import { describe, expect, it } from 'vitest';
import { hashOf, routeOf } from '../../src/forms/route';

describe('routeOf / hashOf', () => {
  it('reads the draft and step an address names, and writes the same address back', () => {
    expect(routeOf('#/draft/abc-123/%E4%B8%89')).toEqual({ id: 'abc-123', step: '三' });
    expect(hashOf({ id: 'abc-123', step: '三' })).toBe('#/draft/abc-123/%E4%B8%89');
    expect(routeOf(hashOf({ id: 'd1', step: 'preview' }))).toEqual({ id: 'd1', step: 'preview' });
  });

  it('opens the first step for a missing, unknown or mangled step', () => {
    expect(routeOf('#/draft/d1')).toEqual({ id: 'd1', step: 'basic' });
    expect(routeOf('#/draft/d1/七')).toEqual({ id: 'd1', step: 'basic' });
    // A stray % would make decodeURIComponent throw.
    expect(routeOf('#/draft/d1/%E4%B8')).toEqual({ id: 'd1', step: 'basic' });
  });

  it('names no draft for the list, #/example or another address', () => {
    for (const hash of ['', '#', '#/example', '#/draft/', '#/draft/a b/basic']) expect(routeOf(hash)).toBeUndefined();
    expect(hashOf(undefined)).toBe('');
  });
});
