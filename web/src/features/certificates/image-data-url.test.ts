import { describe, expect, it } from 'vitest';
import { fittedSize, imageFileVerdict, isAcceptedDataUrl, MAX_IMAGE_BYTES } from './image-data-url.ts';

describe('pictures for a certificate', () => {
  it('take PNG and JPEG as they are up to 250 KB, and shrink larger ones first', () => {
    expect(imageFileVerdict({ type: 'image/png', size: 40_000 })).toBe('use');
    expect(imageFileVerdict({ type: 'image/jpeg', size: MAX_IMAGE_BYTES })).toBe('use');
    expect(imageFileVerdict({ type: 'image/jpeg', size: MAX_IMAGE_BYTES + 1 })).toBe('shrink');
  });

  it('refuse other kinds of file, however small', () => {
    expect(imageFileVerdict({ type: 'image/svg+xml', size: 2_000 })).toBe('type');
    expect(imageFileVerdict({ type: 'image/webp', size: 2_000 })).toBe('type');
    expect(imageFileVerdict({ type: 'application/pdf', size: 2_000 })).toBe('type');
  });

  it('fit within 900 pixels in proportion, and never grow', () => {
    expect(fittedSize(3000, 1500)).toEqual({ width: 900, height: 450 });
    expect(fittedSize(1200, 4000)).toEqual({ width: 270, height: 900 });
    expect(fittedSize(400, 200)).toEqual({ width: 400, height: 200 });
  });

  it('are sent only as data URLs the server takes', () => {
    expect(isAcceptedDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    expect(isAcceptedDataUrl('data:image/gif;base64,R0lGOD')).toBe(false);
    expect(isAcceptedDataUrl(`data:image/png;base64,${'A'.repeat(350_000)}`)).toBe(false);
  });
});
