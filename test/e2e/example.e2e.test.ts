import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from './harness';
import { launch, slowListReads } from './harness';

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

  it('opened again, the example not yet changed is that draft, not a copy; once changed, the next visit makes a new one', async () => {
    const open = async () => {
      const page = await browser.context.newPage();
      await page.goto(`${inject('appUrl')}#/example`);
      await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
      await expect.poll(() => page.url()).toMatch(/#\/draft\//);
      return page;
    };
    const first = await open();
    const id = new URL(first.url()).hash.split('/')[2];
    await first.close();
    const again = await open();
    expect(new URL(again.url()).hash.split('/')[2]).toBe(id);
    // 载入示例 on the list, too (once the list is read, when the address is the list's again).
    await again.getByRole('button', { name: '返回草稿列表' }).click();
    await again.getByRole('heading', { name: '我的草稿' }).waitFor();
    await again.getByText('正在读取…').waitFor({ state: 'detached' });
    await expect.poll(() => new URL(again.url()).hash).toBe('');
    await again.getByRole('button', { name: '载入示例' }).click();
    await again.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
    await expect.poll(() => new URL(again.url()).hash.split('/')[2]).toBe(id);
    await again.getByLabel('开头说明').fill('本单位改写的开头说明。');
    await again.getByRole('status').filter({ hasText: '已保存到本机' }).waitFor();
    await again.close();
    const third = await open();
    expect(new URL(third.url()).hash.split('/')[2]).not.toBe(id);
    await third.getByRole('button', { name: '返回草稿列表' }).click();
    await expect.poll(() => third.getByText('沈阳市皇姑区人民政府').count()).toBe(2);
    await third.close();
  });

  it('载入示例 while the list is still being read opens the example not yet changed, not a copy', async () => {
    const page = await browser.context.newPage();
    await slowListReads(page, 400);
    await page.goto(inject('appUrl'));
    // The tests before left one changed example and one not yet changed.
    await page.getByText('正在读取…').waitFor();
    await page.getByRole('button', { name: '载入示例' }).click();
    await page.getByRole('heading', { name: '沈阳市皇姑区人民政府2023年政府信息公开工作年度报告' }).waitFor();
    await page.getByRole('button', { name: '返回草稿列表' }).click();
    await page.getByRole('heading', { name: '我的草稿' }).waitFor();
    await page.getByText('正在读取…').waitFor({ state: 'detached' });
    expect(await page.getByText('沈阳市皇姑区人民政府').count()).toBe(2);
    await page.close();
  });
});
