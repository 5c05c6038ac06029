import { inflateSync } from 'node:zlib';
import * as jsqrModule from 'jsqr';
import { type PDFDict, PDFDocument, PDFName, type PDFNumber, PDFRawStream } from 'pdf-lib';

type TDecode = typeof import('jsqr').default;
// jsqr is CommonJS with `exports.default`: depending on the loader, the function is the default
// export or the default export's `default`.
const jsqrExports = jsqrModule as unknown as { default: TDecode | { default: TDecode } };
const jsQR: TDecode =
  typeof jsqrExports.default === 'function' ? jsqrExports.default : jsqrExports.default.default;

/**
 * Reads the QR code printed on a PDF: finds each embedded RGB image (pdf-lib stores a PNG as
 * Flate-compressed pixels), turns it into RGBA pixels and lets jsQR decode it. Returns the first
 * code's text, or null when no image holds one.
 */
export async function qrFromPdf(bytes: Uint8Array): Promise<string | null> {
  const pdf = await PDFDocument.load(bytes);
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const dict: PDFDict = object.dict;
    if (dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    const width = (dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
    const height = (dict.get(PDFName.of('Height')) as PDFNumber).asNumber();
    const raw = inflateSync(object.contents);
    const channels = raw.length / (width * height);
    if (channels !== 3 && channels !== 1) continue;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) {
      const [r, g, b] =
        channels === 3 ? [raw[i * 3]!, raw[i * 3 + 1]!, raw[i * 3 + 2]!] : [raw[i]!, raw[i]!, raw[i]!];
      rgba.set([r, g, b, 255], i * 4);
    }
    const code = jsQR(rgba, width, height);
    if (code) return code.data;
  }
  return null;
}
