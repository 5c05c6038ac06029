/** The kinds of lesson material accepted, by extension, with the content type they are served as. */
export const MATERIAL_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ppt: 'application/vnd.ms-powerpoint',
  odp: 'application/vnd.oasis.opendocument.presentation',
} as const;
export type TMaterialExt = keyof typeof MATERIAL_TYPES;
export const MATERIAL_CONTENT_TYPES = [...new Set(Object.values(MATERIAL_TYPES))];

const starts = (buf: Buffer, bytes: number[] | string, at = 0) => {
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return buf.length >= at + b.length && buf.subarray(at, at + b.length).equals(b);
};

/**
 * The content type of a file, from its extension and what its first bytes say it is: both must
 * agree (a `.pdf` that is a zip, or an `.exe` renamed `.png`, is refused). Null: not accepted.
 * Office Open XML files are zips whose entries name their kind; OpenDocument ones start with an
 * uncompressed `mimetype` entry; `.ppt` is an OLE compound file.
 */
export function detectMaterialType(name: string, head: Buffer): string | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() as TMaterialExt | undefined;
  if (!ext || !(ext in MATERIAL_TYPES)) return null;
  const zip = starts(head, [0x50, 0x4b, 0x03, 0x04]);
  const ok: Record<TMaterialExt, () => boolean> = {
    pdf: () => starts(head, '%PDF-'),
    png: () => starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    jpg: () => starts(head, [0xff, 0xd8, 0xff]),
    jpeg: () => starts(head, [0xff, 0xd8, 0xff]),
    gif: () => starts(head, 'GIF87a') || starts(head, 'GIF89a'),
    webp: () => starts(head, 'RIFF') && starts(head, 'WEBP', 8),
    pptx: () =>
      zip && head.includes('ppt/', 0, 'latin1') && head.includes('[Content_Types].xml', 0, 'latin1'),
    docx: () =>
      zip && head.includes('word/', 0, 'latin1') && head.includes('[Content_Types].xml', 0, 'latin1'),
    ppt: () => starts(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    odp: () => zip && starts(head, 'mimetypeapplication/vnd.oasis.opendocument.presentation', 30),
  };
  return ok[ext]() ? MATERIAL_TYPES[ext] : null;
}

/**
 * A user's file name made safe to keep and show: the last path segment, no control or bidi
 * characters, at most 200 characters (the extension kept). Empty: null.
 */
export function cleanFileName(raw: string): string | null {
  const base = raw.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  let name = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  name = name.replace(/[\ud800-\udfff]/g, (c, i, s) => {
    const code = c.charCodeAt(0);
    const pair =
      code < 0xdc00
        ? s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff
        : s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) < 0xdc00;
    return pair ? c : '';
  });
  if (!name || name === '.' || name === '..') return null;
  if (name.length > 200) {
    const ext = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? '';
    name = name.slice(0, 200 - ext.length) + ext;
  }
  return name;
}

/**
 * `Content-Disposition: attachment` with the original name (RFC 6266): an ASCII `filename`
 * fallback and the exact UTF-8 name in `filename*` (RFC 5987 percent-encoding).
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
