/** Fixed ID keys for the workerd tests (test data only). */
export const workerTestKeys = {
  encryptionKey: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=',
  hashKey: 'HxwdHhsaGRgXFhUUExIREA8ODQwLCgkIBwYFBAMCAQA=',
};
