export * from './communities.ts';
export * from './health.ts';
export * from './locale.ts';
export * from './problem.ts';
export * from './registrations.ts';
export * from './series.ts';
export * from './sessions.ts';
export * from './time.ts';
