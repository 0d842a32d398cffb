import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from './harness';
import { launch } from './harness';

/** The README's start address `/#/example` opens the sample report as a new draft. */

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the example address', () => {
  it('opens sample 003 as a draft, and a reload keeps that one draft', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${inject('appUrl')}#/example`);
    await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
    await page.getByRole('navigation', { name: '填报步骤' }).getByRole('button', { name: /^三/ }).click();
    await expect.poll(() => page.getByRole('textbox', { name: '一、本年新收政府信息公开申请数量 · 自然人', exact: true }).inputValue()).toBe('202');
    expect(page.url()).toMatch(/#\/draft\/[\w-]+\//);
    await page.reload();
    await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
    await page.getByRole('button', { name: '返回草稿列表' }).click();
    await expect.poll(() => page.getByText('沈阳市皇姑区人民政府').count()).toBe(1);
  });
});
