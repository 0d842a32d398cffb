import { describe, expect, it } from 'vitest';
import { describeFailure } from '../../src/forms/failure';

describe('describeFailure', () => {
  it('names a part of the app that could not be loaded, and what to do, in Chinese', () => {
    for (const error of [
      new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:4173/assets/preview-step-x.js'),
      new TypeError('Importing a module script failed.'),
      new TypeError('error loading dynamically imported module'),
    ]) {
      const text = describeFailure(error);
      expect(text).toMatch(/^本工具的程序文件未能载入：服务可能已停止或已更新，请刷新页面后重试（技术信息：/);
      expect(text).toContain(error.message);
    }
  });

  it('names why the browser refused to store, by the error’s name', () => {
    expect(describeFailure(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))).toBe(
      '浏览器的存储空间已满（技术信息：QuotaExceededError: The quota has been exceeded.）',
    );
    expect(describeFailure(new DOMException('IndexedDB is disabled.', 'SecurityError'))).toMatch(/^浏览器不允许本页保存数据（可能处于无痕模式/);
    expect(describeFailure(new DOMException('', 'UnknownError'))).toBe('浏览器存储出错（技术信息：UnknownError）');
    expect(describeFailure(new DOMException('The database connection is closing.', 'InvalidStateError'))).toMatch(
      /^浏览器与本机存储的连接已中断（例如清除了网站数据），请刷新页面后重试（技术信息：/,
    );
  });

  it('says what failed in the caller’s words for anything else, the browser’s words only as 技术信息', () => {
    expect(describeFailure(new Error('boom'), '生成文件时出错')).toBe('生成文件时出错（技术信息：boom）');
    expect(describeFailure('text thrown', '读取文件时出错')).toBe('读取文件时出错（技术信息：text thrown）');
  });
});
