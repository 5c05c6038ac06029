import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanFileName,
  contentDisposition,
  detectMaterialType,
} from '../src/features/materials/file-type.ts';

const zip = (...names: string[]) =>
  Buffer.concat(
    names.map((name) =>
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from(name, 'latin1')]),
    ),
  );

describe('what a lesson material is, by its bytes and its name', () => {
  it('when Office, OpenDocument and OLE files come with their own extension, then each gets its type; with another extension, none', () => {
    const pptx = zip('[Content_Types].xml', 'ppt/presentation.xml');
    const docx = zip('[Content_Types].xml', 'word/document.xml');
    const odp = zip('mimetypeapplication/vnd.oasis.opendocument.presentation');
    const ppt = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(detectMaterialType('Лекция.PPTX', pptx)).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    expect(detectMaterialType('a.docx', docx)).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(detectMaterialType('a.odp', odp)).toBe('application/vnd.oasis.opendocument.presentation');
    expect(detectMaterialType('a.ppt', ppt)).toBe('application/vnd.ms-powerpoint');
    expect(detectMaterialType('a.pptx', docx)).toBeNull();
    expect(detectMaterialType('a.docx', zip('evil.exe'))).toBeNull();
    expect(detectMaterialType('a.pdf', pptx)).toBeNull();
    expect(detectMaterialType('a.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectMaterialType('a.webp', Buffer.from('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(detectMaterialType('a.gif', Buffer.from('GIF89a'))).toBe('image/gif');
    expect(detectMaterialType('pdf', Buffer.from('%PDF-1.4'))).toBeNull();
    expect(detectMaterialType('a.html', Buffer.from('<html>'))).toBeNull();
  });

  it('when any name is sent, then the kept name has no path, control or bidi characters, and the header carries it exactly in filename* with nothing but visible ASCII', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          // Any UTF-16 code unit, lone surrogates included.
          fc.string({
            unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
            maxLength: 300,
          }),
        ),
        (raw) => {
          const name = cleanFileName(raw);
          if (name === null) return;
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(200);
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be absent
          expect(name).not.toMatch(/[/\\\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
          expect(() => encodeURIComponent(name)).not.toThrow();
          const header = contentDisposition(name);
          expect(header).toMatch(/^[\x20-\x7e]+$/);
          const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
          expect(decodeURIComponent(encoded)).toBe(name);
        },
      ),
    );
    expect(cleanFileName('a\ud800.pdf')).toBe('a.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\x\\План.pdf')).toBe('План.pdf');
    expect(cleanFileName('..')).toBeNull();
    expect(cleanFileName('\u202egpj.exe')).toBe('gpj.exe');
  });
});
