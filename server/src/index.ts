export type { ApiRoutes } from './app.ts';
