/** Every table, gathered for drizzle-kit and the typed query builder. Tables live with their capability. */
export * from '../accounts/schema.ts';
export * from '../attendance/schema.ts';
export * from '../certificates/schema.ts';
export * from '../chat/schema.ts';
export * from '../communities/schema.ts';
export * from '../feedback/schema.ts';
export * from '../http/schema.ts';
export * from '../jobs/schema.ts';
export * from '../livekit/schema.ts';
export * from '../notifications/schema.ts';
export * from '../polls/schema.ts';
export * from '../qa/schema.ts';
export * from '../recordings/schema.ts';
export * from '../registrations/schema.ts';
export * from '../room/schema.ts';
export * from '../series/schema.ts';
export * from '../sessions/schema.ts';
