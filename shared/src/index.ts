export * from './communities.ts';
export * from './health.ts';
export * from './locale.ts';
export * from './problem.ts';
