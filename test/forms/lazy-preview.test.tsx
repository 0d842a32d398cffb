// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ReportStore } from '../../src/forms/report-store';
import { consistentReport } from '../support/build-report';

afterEach(() => cleanup());

// The preview step's module fails to load once (a chunk the server no longer has), then loads.
let failures = 1;
vi.mock('../../src/forms/preview-step', async (importActual) => {
  if (failures-- > 0) throw new Error('Failed to fetch dynamically imported module');
  return importActual();
});

describe('the preview step, loaded when first opened', () => {
  it('says so when it cannot be loaded, keeps the draft, and loads on 重新载入预览', async () => {
    const { Editor } = await import('../../src/forms/editor');
    const store = new ReportStore(consistentReport('2021'));
    const before = store.report;
    render(<Editor draftId="t" store={store} step="preview" onStep={() => {}} onClose={() => {}} />);
    expect(screen.getByText('正在载入预览…')).toBeTruthy();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('预览与导出页面没有载入');
    expect(alert.textContent).toContain('填写的内容已保存在本机');
    expect(store.report).toBe(before);
    await userEvent.setup().click(screen.getByRole('button', { name: '重新载入预览' }));
    expect(await screen.findByTitle('年报预览')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
