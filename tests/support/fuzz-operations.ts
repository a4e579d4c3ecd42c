/**
 * What the fuzzer reads from the app: every documented operation with the zod schemas its route validates
 * with, the published OpenAPI document, and the upload limit. The one place these server modules are named.
 */
export { MAX_ATTACHMENT_BYTES } from '../../functions/files/sniff.ts';
export { openApiDocument } from '../../functions/openapi/document.ts';
export { type Operation, operations } from '../../functions/openapi/operations.ts';
