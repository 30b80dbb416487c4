/** The camera and microphone someone chose in a device check, and whether each starts on. */
export interface MediaChoice {
  cameraId?: string;
  microphoneId?: string;
  camera: boolean;
  microphone: boolean;
}

const STORAGE_KEY = 'serambi.room.media';

/** The last choice on this browser, so a reload puts the same devices back on stage. */
export function rememberedMediaChoice(): MediaChoice | undefined {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof stored !== 'object' || stored === null) return undefined;
    const { cameraId, microphoneId, camera, microphone } = stored as Record<string, unknown>;
    return {
      cameraId: typeof cameraId === 'string' ? cameraId : undefined,
      microphoneId: typeof microphoneId === 'string' ? microphoneId : undefined,
      camera: camera !== false,
      microphone: microphone !== false,
    };
  } catch {
    // Storage blocked or a value from an older version: start from the browser's defaults.
    return undefined;
  }
}

export function rememberMediaChoice(choice: MediaChoice): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(choice));
  } catch {
    // Private windows may refuse storage; the choice still holds for this visit.
  }
}
