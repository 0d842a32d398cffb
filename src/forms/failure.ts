/**
 * The browser's failures in the clerk's words. Browsers word their errors in English (and each its
 * own way): the clerk reads what happened and what to do in Chinese; the browser's own words follow
 * as 技术信息, for whoever supports the clerk.
 */

const technical = (error: unknown): string => {
  if (error instanceof Error || (typeof DOMException !== 'undefined' && error instanceof DOMException)) {
    const { name, message } = error as Error;
    if (!message) return name;
    return name === 'Error' || message.startsWith(name) ? message : `${name}: ${message}`;
  }
  return String(error);
};

/** A part of the app loaded on demand (the preview, the importer, docx) could not be fetched. */
function isLoadFailure(error: unknown): boolean {
  const text = technical(error);
  return /dynamically imported module|Importing a module script failed|error loading dynamically imported module|Failed to fetch|ChunkLoadError|Unable to preload CSS/i.test(text);
}

/** Why the browser refused to store or read the drafts. */
function storageCause(error: unknown): string | undefined {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError') return '浏览器的存储空间已满';
  if (name === 'SecurityError') return '浏览器不允许本页保存数据（可能处于无痕模式，或关闭了网站数据）';
  // Mid-session, mostly a connection the browser closed (site data cleared): a reload opens it again.
  if (name === 'InvalidStateError') return '浏览器与本机存储的连接已中断（例如清除了网站数据），请刷新页面后重试';
  if (name === 'VersionError') return '本机草稿是较新版本的本工具保存的';
  if (name === 'UnknownError' || name === 'DataError' || name === 'AbortError' || name === 'TransactionInactiveError')
    return '浏览器存储出错';
  return undefined;
}

/** "What happened" for a failure: load failures and storage refusals by name, else a general phrase. */
export function describeFailure(error: unknown, what = '操作未能完成'): string {
  if (isLoadFailure(error))
    return `本工具的程序文件未能载入：服务可能已停止或已更新，请刷新页面后重试（技术信息：${technical(error)}）`;
  const cause = storageCause(error);
  return `${cause ?? what}（技术信息：${technical(error)}）`;
}
