export * from './accounts.ts';
export * from './enterprises.ts';
export * from './events.ts';
export * from './filings.ts';
export * from './registry.ts';
