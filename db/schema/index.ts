export * from './accounts.ts';
export * from './enterprises.ts';
export * from './events.ts';
export * from './filings.ts';
export * from './notifications.ts';
export * from './registry.ts';
