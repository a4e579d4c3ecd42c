/** qrcode's browser build: the same `toString` as the package's main entry, without its PNG and file code. */
declare module 'qrcode/lib/browser.js' {
  export { toString } from 'qrcode';
}
