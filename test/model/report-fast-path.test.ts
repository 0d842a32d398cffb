import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importPublished } from '../../src/import/index';
import { cellsOf } from '../../src/model/formats';
import type { Report } from '../../src/model/report';
import { parseReport, parseReportFast, parseReportWithSchema, serializeReport } from '../../src/model/report-file';
import { arbitraryReport } from '../support/arbitrary-report';

const fixtures = join(import.meta.dirname, '../fixtures');
/** The five published samples (shared/samples, as test/import/samples.test.ts reads them). */
const samples = join(import.meta.dirname, '../../../shared/samples');

/** A report as the importer hands it to parseReport: blank cells left out, no notes, no baseline. */
function asImporterInput(report: Report): Record<string, unknown> {
  const value = JSON.parse(serializeReport(report)) as Record<string, unknown> & { cells: Record<string, unknown> };
  for (const [id, v] of Object.entries(value.cells)) if (v === null) delete value.cells[id];
  return { ...value, notes: {}, baseline: null };
}

/** A report as a file holds it, every cell present in the format's order (the fast path copies such cells whole). */
function asFullInput(report: Report): Record<string, unknown> {
  return { ...(JSON.parse(serializeReport(report)) as Record<string, unknown>), notes: {}, baseline: null };
}

/** The fast path agrees with zod: it gives zod's report (same values, same key order) or leaves the value to zod. */
function expectAgreement(value: unknown): Report | undefined {
  const schema = parseReportWithSchema(structuredClone(value));
  const fast = parseReportFast(structuredClone(value));
  if (fast === undefined) return undefined;
  expect(schema.ok).toBe(true);
  if (!schema.ok) return undefined;
  expect(fast).toStrictEqual(schema.report);
  expect(JSON.stringify(fast)).toBe(JSON.stringify(schema.report));
  expect(parseReport(structuredClone(value))).toStrictEqual(schema);
  return fast;
}

/** Values that have tripped validators: near-misses of every type the schema accepts. */
const TRICKY: readonly unknown[] = [
  null, undefined, 0, -0, 1, -1, 1.5, 2008, 2100, 2101, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), -(2 ** 53), NaN, Infinity, -Infinity,
  '', ' ', '0', ' 1 ', '1.5', '1.23456', '1e3', '-1', '０', '999999999999', '9999999999999', '2024-02-29', '2023-02-29', '2024-2-1',
  ' 2024-01-01', 'xxgk-report', '2021', '2019', 'government', 'proactive', 'nope', true, false, [], [1], {}, { a: 1 }, Object.create(null),
];

/** Every path to a value inside a JSON value. */
function pathsOf(value: unknown, prefix: readonly (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [[...prefix]];
  if (Array.isArray(value)) value.forEach((v, i) => paths.push(...pathsOf(v, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...prefix, k]));
  return paths;
}

type Mutation = { kind: 'set'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };

function mutate(value: unknown, path: readonly (string | number)[], mutation: Mutation): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  if (path.length === 0) return mutation.kind === 'set' ? mutation.value : copy;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (mutation.kind === 'set') parent[last] = mutation.value;
  else if (mutation.kind === 'delete') delete parent[last];
  else {
    const target = parent[last];
    if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[mutation.key] = mutation.value;
  }
  return copy;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), value: fc.oneof(fc.constantFrom(...TRICKY), fc.jsonValue({ maxDepth: 2 })) }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({
    kind: fc.constant('add' as const),
    key: fc.constantFrom('x', 'apply.N.p', 'active9.procurement.amount', 'apply.R6_1.p', 'name', 'topic'),
    value: fc.constantFrom(...TRICKY),
  }),
);

describe('parseReportFast', () => {
  it('is on: the schema has the outline the fast path knows', () => {
    const report = JSON.parse(readFileSync(join(fixtures, 'sample-001.json'), 'utf8')) as Report;
    expect(parseReportFast(asImporterInput(report))).toBeDefined();
  });

  it('gives zod’s report for every fixture, as a file and as the importer builds it', () => {
    for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.json'))) {
      const value = JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as Report;
      expectAgreement(value);
      expect(expectAgreement(asImporterInput(value))).toBeDefined();
    }
  });

  it('gives zod’s report for the imported samples and variants (the importer’s own values)', async () => {
    const files = [
      ...readdirSync(join(fixtures, 'variants')).map((f) => join(fixtures, 'variants', f)),
      ...readdirSync(samples).map((f) => join(samples, f)),
    ].filter((f) => /\.(txt|html)$/.test(f));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const { report } = await importPublished({ name: file, bytes: readFileSync(file) });
      expect(expectAgreement(asImporterInput(report))).toBeDefined();
    }
  });

  it('gives zod’s report for any valid report, with or without its blank cells', () => {
    fc.assert(
      fc.property(arbitraryReport(), fc.boolean(), (report, dropBlanks) => {
        const value = dropBlanks ? asImporterInput(report) : JSON.parse(serializeReport(report));
        expectAgreement(value);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with zod on every near-miss value in every part and in a cell of every kind', () => {
    for (const [file, shape] of ['sample-000.json', 'sample-001.json'].flatMap((f) => [[f, asImporterInput], [f, asFullInput]] as const)) {
      const base = shape(JSON.parse(readFileSync(join(fixtures, file), 'utf8')) as Report);
      const format = base.format as Report['format'];
      // One cell per kind of cell (count, signed count, money by its decimals), filled and blank.
      const kinds = new Map<string, string[]>();
      for (const c of cellsOf(format)) {
        const kind = `${c.kind}:${c.column.decimals ?? ''}:${(base.cells as Record<string, unknown>)[c.id] === undefined}`;
        kinds.set(kind, [...(kinds.get(kind) ?? []), c.id]);
      }
      const cellPaths = [...kinds.values()].map((ids) => ['cells', ids[0] as string]);
      const paths = [
        ...pathsOf(base).filter((p) => p[0] !== 'cells' && !(p[2] === 'blocks' && Number(p[3] ?? 0) > 0) && !(p[1] === 'blocks' && Number(p[2] ?? 0) > 0)),
        ...cellPaths,
      ];
      let accepted = 0;
      for (const path of paths) {
        for (const value of TRICKY) if (expectAgreement(mutate(base, path, { kind: 'set', value }))) accepted++;
        expectAgreement(mutate(base, path, { kind: 'delete' }));
        for (const key of ['x', 'apply.N.p', 'active9.procurement.amount', 'name']) expectAgreement(mutate(base, path, { kind: 'add', key, value: 1 }));
      }
      // The near-misses that are valid still take the fast path.
      expect(accepted).toBeGreaterThan(paths.length);
    }
  });

  it('never accepts what zod refuses, and never differs from zod, whatever is changed, removed or added', () => {
    fc.assert(
      fc.property(
        fc.oneof(arbitraryReport().map(asImporterInput), arbitraryReport().map(asFullInput)),
        fc.nat(),
        mutation,
        (value, pick, change) => {
          const paths = pathsOf(value);
          const path = paths[pick % paths.length] ?? [];
          expectAgreement(mutate(value, path, change));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves notes, a baseline, money written as numbers and missing parts to zod', () => {
    const report = JSON.parse(readFileSync(join(fixtures, 'sample-001.json'), 'utf8')) as Report;
    const base = asImporterInput(report);
    expect(parseReportFast({ ...base, notes: { 'S7:x': '说明' } })).toBeUndefined();
    expect(parseReportFast({ ...base, baseline: { year: 2020 } })).toBeUndefined();
    expect(parseReportFast({ ...base, cells: { 'active8.fees.amount': 1.5 } })).toBeUndefined();
    // A symbol key beside every cell in order is not copied into the report.
    const full = asFullInput(report);
    const withSymbol = parseReportFast({ ...full, cells: { ...(full.cells as object), [Symbol('x')]: 1 } });
    expect(withSymbol).toStrictEqual(parseReportFast(full));
    expect(Object.getOwnPropertySymbols(withSymbol?.cells ?? {})).toEqual([]);
    const withoutIntro: Record<string, unknown> = { ...base };
    delete withoutIntro.intro;
    expect(parseReportFast(withoutIntro)).toBeUndefined();
    expect(parseReport(withoutIntro).ok).toBe(true);
  });
});
