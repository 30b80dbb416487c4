import { describe, expect, it } from 'vitest';
import { rotateI420 } from './rotate.ts';

/** A 4×2 image whose luma is 1…8 row by row, and chroma (2×1) 10, 20 and 30, 40. */
const image = { width: 4, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 30, 40]) };

const luma = (rotated: { width: number; height: number; data: Uint8Array }) =>
  Array.from({ length: rotated.height }, (_, y) =>
    Array.from(rotated.data.subarray(y * rotated.width, (y + 1) * rotated.width)),
  );

describe('rotateI420', () => {
  it('turns a quarter clockwise: the left column, bottom up, becomes the top row', () => {
    const turned = rotateI420(image, 1);
    expect({ width: turned.width, height: turned.height }).toEqual({ width: 2, height: 4 });
    expect(luma(turned)).toEqual([
      [5, 1],
      [6, 2],
      [7, 3],
      [8, 4],
    ]);
    // Chroma planes are 2×1 turned into 1×2.
    expect(Array.from(turned.data.subarray(8))).toEqual([10, 20, 30, 40]);
  });

  it('turns half way', () => {
    expect(luma(rotateI420(image, 2))).toEqual([
      [8, 7, 6, 5],
      [4, 3, 2, 1],
    ]);
    expect(Array.from(rotateI420(image, 2).data.subarray(8))).toEqual([20, 10, 40, 30]);
  });

  it('turns a quarter counter-clockwise, and four quarters give the image back', () => {
    expect(luma(rotateI420(image, 3))).toEqual([
      [4, 8],
      [3, 7],
      [2, 6],
      [1, 5],
    ]);
    const around = rotateI420(rotateI420(rotateI420(rotateI420(image, 1), 1), 1), 1);
    expect(around).toEqual(image);
  });

  it('leaves an unturned image as it is', () => {
    expect(rotateI420(image, 0)).toBe(image);
  });
});
