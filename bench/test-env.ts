// Imported first by every benchmark: the harness runs the server as the tests do (better-auth
// then accepts the harness's 127.0.0.1 origin, as under vitest, which sets the same).
process.env.NODE_ENV = 'test';
