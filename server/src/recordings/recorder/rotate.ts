import type { I420Image } from './canvas.ts';

/**
 * Turns an I420 image clockwise by quarter turns. A phone held upright sends its camera's frames
 * sideways with a rotation to apply on display (WebRTC's video orientation); browsers turn them
 * when they draw, and so must the recorder, or the speaker is recorded lying on their side.
 */
export function rotateI420(image: I420Image, quarterTurns: 0 | 1 | 2 | 3): I420Image {
  if (quarterTurns === 0) return image;
  const { width, height } = image;
  const chromaWidth = Math.ceil(width / 2);
  const chromaHeight = Math.ceil(height / 2);
  const sideways = quarterTurns % 2 === 1;
  const out = new Uint8Array(image.data.length);
  const lumaSize = width * height;
  const chromaSize = chromaWidth * chromaHeight;
  rotatePlane(image.data, 0, width, height, out, 0, quarterTurns);
  rotatePlane(image.data, lumaSize, chromaWidth, chromaHeight, out, lumaSize, quarterTurns);
  rotatePlane(image.data, lumaSize + chromaSize, chromaWidth, chromaHeight, out, lumaSize + chromaSize, quarterTurns);
  return { width: sideways ? height : width, height: sideways ? width : height, data: out };
}

function rotatePlane(
  source: Uint8Array,
  from: number,
  width: number,
  height: number,
  target: Uint8Array,
  to: number,
  quarterTurns: 1 | 2 | 3,
): void {
  if (quarterTurns === 2) {
    const last = from + width * height - 1;
    for (let i = 0; i < width * height; i++) target[to + i] = source[last - i] as number;
    return;
  }
  // Walk the source row by row; a quarter turn writes each row as a column of the target, whose
  // rows are `height` long.
  for (let y = 0; y < height; y++) {
    const row = from + y * width;
    // Clockwise: source row y becomes target column (height - 1 - y), top to bottom.
    // Counter-clockwise: source row y becomes target column y, bottom to top.
    const column = quarterTurns === 1 ? height - 1 - y : y;
    for (let x = 0; x < width; x++) {
      const targetRow = quarterTurns === 1 ? x : width - 1 - x;
      target[to + targetRow * height + column] = source[row + x] as number;
    }
  }
}
