import { IMAGE_DATA_URL_MAX_LENGTH } from '@serambi/shared';

/**
 * Pictures for the certificate (the logo, signatures) travel inline as data URLs, which the
 * shared schema caps at 350,000 characters: about 250 KB of PNG or JPEG. A larger picture is
 * drawn smaller once in the browser (a phone photo of a signature is often several MB); if it
 * is still too large, the person is told.
 */

export const IMAGE_TYPES = ['image/png', 'image/jpeg'] as const;
/** The schema's 350,000 characters, less the `data:image/jpeg;base64,` prefix, as bytes before base64. */
export const MAX_IMAGE_BYTES = 250 * 1024;
/** The longest side a shrunk picture keeps: plenty for a logo or a signature on an A4 page. */
const SHRINK_TO_PX = 900;

export type ImageProblem = 'type' | 'size' | 'unreadable';
export type ImageResult = { ok: true; dataUrl: string } | { ok: false; problem: ImageProblem };

/** Whether a file could be used as it is, must be shrunk first, or is not a picture we take. */
export function imageFileVerdict(file: { type: string; size: number }): 'use' | 'shrink' | ImageProblem {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) return 'type';
  return file.size <= MAX_IMAGE_BYTES ? 'use' : 'shrink';
}

/** Whether a data URL is one the server takes: PNG or JPEG, within the length. */
export function isAcceptedDataUrl(dataUrl: string): boolean {
  return (
    dataUrl.length <= IMAGE_DATA_URL_MAX_LENGTH && /^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/.test(dataUrl)
  );
}

/** The sides of a picture fitted within `limit`, in proportion; never larger than it was. */
export function fittedSize(width: number, height: number, limit = SHRINK_TO_PX): { width: number; height: number } {
  const scale = Math.min(1, limit / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** Reads a chosen file into a data URL the server takes, shrinking it when it is too large. */
export async function readImageFile(file: File): Promise<ImageResult> {
  const verdict = imageFileVerdict(file);
  if (verdict === 'type' || verdict === 'size' || verdict === 'unreadable') return { ok: false, problem: verdict };
  try {
    const dataUrl = verdict === 'use' ? await asDataUrl(file) : await shrunk(file);
    return isAcceptedDataUrl(dataUrl) ? { ok: true, dataUrl } : { ok: false, problem: 'size' };
  } catch {
    // A file that says it is a PNG but is not one, or a browser that cannot decode it.
    return { ok: false, problem: 'unreadable' };
  }
}

function asDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

/** Draws the picture at most SHRINK_TO_PX wide or high; PNG stays PNG (a signature keeps its transparency). */
async function shrunk(file: File): Promise<string> {
  const bitmap = await createImageBitmap(file);
  const size = fittedSize(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  return file.type === 'image/png' ? canvas.toDataURL('image/png') : canvas.toDataURL('image/jpeg', 0.85);
}
