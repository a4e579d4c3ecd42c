/**
 * Every endpoint of the API with the zod schemas its route validates with and answers with, one file per
 * capability. The OpenAPI document is generated from this list; a test checks that each route of the app
 * appears here.
 */
import { accountOperations, authOperations } from './accounts.ts';
import { eventOperations } from './events.ts';
import { filingOperations } from './filings.ts';
import { notificationOperations } from './notifications.ts';
import type { Operation } from './operation.ts';
import { registryOperations } from './registry.ts';
import { docsOperations, healthOperations } from './system.ts';

export type { Operation };

export const operations: Operation[] = [
  ...healthOperations,
  ...authOperations,
  ...filingOperations,
  ...accountOperations,
  ...registryOperations,
  ...eventOperations,
  ...notificationOperations,
  ...docsOperations,
];
