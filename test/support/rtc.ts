/** rtc-node for code outside the test package (the benchmarks), which resolves it through here. */
export { dispose, Room, RoomEvent, TrackKind } from '@livekit/rtc-node';
