/**
 * What of a text an output can print. Shared by the renderers, which print it, and the checker,
 * which must not count as written a section that prints as nothing.
 */

// Characters that XML 1.0 forbids (C0 controls but tab/newline, lone surrogates, U+FFFE/U+FFFF): they
// would break the DOCX and mean nothing in HTML or text, so no output ever carries them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// Controls XML allows but a published report has no use for, and which only show as boxes or reorder
// what the reader sees: DEL and the C1 controls (NEL is a line break: lines are broken first), the
// bidirectional embeddings, overrides and isolates (U+202E shows "end" as "dne") and the direction
// marks, zero-width space, word joiner and the byte-order mark. The zero-width joiner and non-joiner
// stay: emoji sequences need them.
const INVISIBLE = /[\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Drops the characters no output may carry (VT and FF among them: break lines first). */
export function cleanText(text: string): string {
  return text.replace(ILLEGAL, '').replace(INVISIBLE, '');
}

// A character that cleanText keeps and trim does not remove (no space, control, invisible or surrogate):
// one is enough for a text to print something, and it is nearly always the first character.
// eslint-disable-next-line no-control-regex -- the controls are what it must not count
const SURELY_VISIBLE = /[^\s\u0000-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Whether a text prints anything: more than spaces and the characters cleanText drops. */
export function hasVisibleText(text: string): boolean {
  return SURELY_VISIBLE.test(text) || cleanText(text).trim().length > 0;
}

/** The encoding a byte order mark names: UTF-16 LE or BE, else UTF-8 (whose BOM the decoder drops). */
export function bomEncoding(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | 'utf-8' {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}
