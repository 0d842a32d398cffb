import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import type { Report } from '../../src/model/report';
import { parseReportFile } from '../../src/model/report-file';

const GOLDEN_DIR = resolve(__dirname, '../golden');
const FIXTURE_DIR = resolve(__dirname, '../fixtures');

/**
 * Compares rendered output with `test/golden/<name>` byte for byte.
 * `UPDATE_GOLDEN=1 npx vitest run …` rewrites the file instead; a missing file fails.
 */
export function expectGolden(name: string, actual: string): void {
  const path = resolve(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) {
    throw new Error(`缺少 golden 文件 test/golden/${name}：用 UPDATE_GOLDEN=1 npx vitest run 生成后检查再提交`);
  }
  expect(actual, `test/golden/${name}`).toBe(readFileSync(path, 'utf8'));
}

/** One of the sample report files in test/fixtures (sample-000 … sample-004). */
export function loadFixture(name: string): Report {
  const result = parseReportFile(readFileSync(resolve(FIXTURE_DIR, `${name}.json`), 'utf8'));
  if (!result.ok) throw new Error(`${name}.json: ${JSON.stringify(result.problems)}`);
  return result.report;
}
