import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/render/html';
import { toViewModel } from '../../src/render/view-model';
import { consistentReport } from '../support/build-report';

/**
 * The Content-Security-Policy meta tags: the exported HTML allows no script at all, the app's
 * page only its own script files (no inline script, no eval). Enforcement in Chromium is
 * tested in test/e2e/hardening.e2e.test.ts.
 */

type Policy = ReadonlyMap<string, readonly string[]>;

function cspOf(html: string): Policy {
  const metas = DomUtils.getElementsByTagName('meta', parseDocument(html).children).filter(
    (m) => m.attribs['http-equiv']?.toLowerCase() === 'content-security-policy',
  );
  expect(metas).toHaveLength(1);
  const content = metas[0]?.attribs.content ?? '';
  return new Map(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

/** The sources a policy allows for scripts (script-src, else default-src, as browsers fall back). */
const scriptSources = (policy: Policy) => policy.get('script-src') ?? policy.get('default-src') ?? ['*'];

describe('the exported HTML', () => {
  const policy = cspOf(renderHtml(toViewModel(consistentReport('2021'))));

  it('allows no script of any kind, and loads nothing from anywhere', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.has('script-src')).toBe(false);
    expect(policy.has('script-src-elem')).toBe(false);
    expect(policy.has('script-src-attr')).toBe(false);
    expect(scriptSources(policy)).toEqual(["'none'"]);
  });

  it('allows only its own inline style and data: images', () => {
    expect(Object.fromEntries(policy)).toEqual({
      'default-src': ["'none'"],
      'style-src': ["'unsafe-inline'"],
      'img-src': ['data:'],
    });
  });

  it('holds no script element and no inline handler', () => {
    const html = renderHtml(toViewModel(consistentReport('2019')));
    expect(html).not.toMatch(/<script|\son\w+=/i);
  });
});

describe('the app page (index.html)', () => {
  const policy = cspOf(readFileSync(resolve(__dirname, '../../index.html'), 'utf8'));

  it("runs only the app's own script files: no inline script, no eval, no other origin", () => {
    expect(scriptSources(policy)).toEqual(["'self'"]);
    for (const d of ['script-src-elem', 'script-src-attr']) expect(policy.has(d)).toBe(false);
  });

  it('falls back to nothing, and forbids plugins, <base> and form posts', () => {
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    for (const [name, values] of policy)
      for (const v of values) expect(`${name} ${v}`).not.toMatch(/\*|https?:|'unsafe-eval'|'strict-dynamic'/);
  });
});
