import { RoomServiceClient } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.ts';

/**
 * Every join makes sure its LiveKit room exists (auto_create is off); in a join storm one answer
 * from LiveKit serves everyone for a moment, until LiveKit may have lost the room.
 */
describe('the LiveKit rooms the server makes sure of', () => {
  let app: TestApp;
  let liveKit: RoomServiceClient;
  beforeAll(async () => {
    app = await startTestApp();
    liveKit = new RoomServiceClient(app.liveKit.url, app.liveKit.apiKey, app.liveKit.apiSecret);
  });
  afterAll(async () => {
    await app?.stop();
  });

  const aRoomName = () => `rooms-test-${crypto.randomUUID()}`;
  const exists = async (name: string) => (await liveKit.listRooms([name])).some((room) => room.name === name);

  it('takes a room LiveKit confirmed a moment ago to exist, without asking again', async () => {
    const name = aRoomName();
    await app.context.livekit.ensureRoom(name);
    expect(await exists(name)).toBe(true);
    // Lost behind the server's back (as a LiveKit restarted elsewhere would lose it): not noticed yet.
    await liveKit.deleteRoom(name);
    await app.context.livekit.ensureRoom(name);
    expect(await exists(name)).toBe(false);
  });

  it('asks again once LiveKit may have lost its rooms, and creates the room again', async () => {
    const name = aRoomName();
    await app.context.livekit.ensureRoom(name);
    await liveKit.deleteRoom(name);
    app.context.livekit.forgetRooms();
    await app.context.livekit.ensureRoom(name);
    expect(await exists(name)).toBe(true);
  });

  it('creates a room it closed itself again on the next join', async () => {
    const name = aRoomName();
    await app.context.livekit.ensureRoom(name);
    await app.context.livekit.deleteRoom(name);
    expect(await exists(name)).toBe(false);
    await app.context.livekit.ensureRoom(name);
    expect(await exists(name)).toBe(true);
  });
});
