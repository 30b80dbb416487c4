import { type FileStore, isSafeKey } from '../storage/file-store.ts';

export { type ByteRange, createFolderStore } from '../storage/file-store.ts';

/** Recordings are kept in a file store of their own (DATA_DIR/recordings unless configured). */
export type RecordingStore = FileStore;

/** Whether `key` is one the folder store would make and read: segments of letters, digits, `._-`, no `..`. */
export const isSafeRecordingKey = isSafeKey;

/** Where one recording's objects live: all under its own prefix, so deleting it is one call. */
export const recordingKeys = (sessionId: string, recordingId: string) => {
  const prefix = `${sessionId}/${recordingId}`;
  return {
    prefix,
    raw: `${prefix}/capture.mp4`,
    media: `${prefix}/replay.mp4`,
    poster: `${prefix}/poster.jpg`,
  };
};
