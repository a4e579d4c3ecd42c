/**
 * The QR code an enterprise shows at its premises: it opens the CQO's verify page on this site.
 * qrcode's browser build has the same SVG `toString` as its main entry, whose PNG and file-writing code would
 * pull `fs` into the Worker bundle.
 */
import { toString as qrToString } from 'qrcode/lib/browser.js';

export function verifyUrl(origin: string, filingNo: string): string {
  return `${origin.replace(/\/+$/, '')}/verify/${encodeURIComponent(filingNo)}/`;
}

export async function verifyQrSvg(origin: string, filingNo: string): Promise<string> {
  const url = verifyUrl(origin, filingNo);
  const svg = await qrToString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  // Named for screen readers when opened on its own; as an <img> the page's alt text names it.
  return svg.replace(
    '<svg ',
    `<svg role="img" aria-label="首席质量官备案核验二维码：${filingNo.replace(/[<>&"]/g, '')}" `,
  );
}
