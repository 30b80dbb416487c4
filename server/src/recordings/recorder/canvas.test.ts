import { describe, expect, it } from 'vitest';
import { BLACK, createCompositor, fitInside, type I420Image, i420Bytes, type YuvColour } from './canvas.ts';

function solid(width: number, height: number, colour: YuvColour): I420Image {
  const data = new Uint8Array(i420Bytes(width, height));
  const luma = width * height;
  const chroma = ((width + 1) >> 1) * ((height + 1) >> 1);
  data.fill(colour.y, 0, luma);
  data.fill(colour.u, luma, luma + chroma);
  data.fill(colour.v, luma + chroma);
  return { width, height, data };
}

/** The colour at a canvas pixel. */
function pixel(frame: Uint8Array, canvas: { width: number; height: number }, x: number, y: number): YuvColour {
  const luma = canvas.width * canvas.height;
  const chromaAt = (y >> 1) * (canvas.width / 2) + (x >> 1);
  return {
    y: frame[y * canvas.width + x] as number,
    u: frame[luma + chromaAt] as number,
    v: frame[luma + luma / 4 + chromaAt] as number,
  };
}

const canvas = { width: 1280, height: 720 };
const full = { x: 0, y: 0, ...canvas };
const RED: YuvColour = { y: 81, u: 90, v: 240 };
const BLUE: YuvColour = { y: 41, u: 240, v: 110 };

describe('fitting a source inside an area', () => {
  it('fills the canvas with a source of the same aspect, whatever its size', () => {
    expect(fitInside({ width: 1920, height: 1080 }, full)).toEqual(full);
    expect(fitInside({ width: 640, height: 360 }, full)).toEqual(full);
  });

  it('letterboxes other aspects, centred, on even pixels', () => {
    expect(fitInside({ width: 800, height: 600 }, full)).toEqual({ x: 160, y: 0, width: 960, height: 720 });
    expect(fitInside({ width: 720, height: 1280 }, full)).toEqual({ x: 436, y: 0, width: 406, height: 720 });
    expect(fitInside({ width: 2560, height: 1080 }, full)).toEqual({ x: 0, y: 90, width: 1280, height: 540 });
  });
});

describe('drawing onto the canvas', () => {
  it('copies a source of the canvas size exactly', () => {
    const compositor = createCompositor(canvas.width, canvas.height);
    const source = solid(canvas.width, canvas.height, RED);
    source.data[12_345] = 200;
    const frame = new Uint8Array(compositor.frameBytes);
    compositor.draw(frame, source, full);
    expect(frame).toEqual(source.data);
  });

  it('scales a source into its letterboxed place and leaves the bars alone', () => {
    const compositor = createCompositor(canvas.width, canvas.height);
    const frame = new Uint8Array(compositor.frameBytes);
    compositor.fill(frame, BLACK);
    const source = solid(800, 600, BLUE);
    compositor.draw(frame, source, fitInside(source, full));
    expect(pixel(frame, canvas, 640, 360)).toEqual(BLUE);
    expect(pixel(frame, canvas, 160, 0)).toEqual(BLUE);
    expect(pixel(frame, canvas, 1119, 719)).toEqual(BLUE);
    expect(pixel(frame, canvas, 158, 360)).toEqual(BLACK);
    expect(pixel(frame, canvas, 1121, 360)).toEqual(BLACK);
  });

  it('keeps working when the source changes size mid-stream', () => {
    const compositor = createCompositor(canvas.width, canvas.height);
    const frame = new Uint8Array(compositor.frameBytes);
    for (const [width, height, colour] of [
      [640, 360, RED],
      [1920, 1080, BLUE],
      [321, 181, RED],
    ] as const) {
      compositor.draw(frame, solid(width, height, colour), full);
      expect(pixel(frame, canvas, 0, 0)).toEqual(colour);
      expect(pixel(frame, canvas, 1279, 719)).toEqual(colour);
    }
  });

  it('interpolates between source pixels when scaling up, and averages them when scaling down', () => {
    const compositor = createCompositor(4, 2);
    const frame = new Uint8Array(compositor.frameBytes);
    // Two luma columns, dark and bright: the four target columns step from one to the other.
    const source = { width: 2, height: 1, data: new Uint8Array([0, 200, 128, 128]) };
    compositor.draw(frame, source, { x: 0, y: 0, width: 4, height: 2 });
    expect([...frame.subarray(0, 4)]).toEqual([0, 50, 150, 200]);

    const stripes = createCompositor(2, 2);
    const striped = new Uint8Array(stripes.frameBytes);
    const fine = { width: 4, height: 2, data: new Uint8Array([0, 255, 0, 255, 0, 255, 0, 255, 128, 128, 128, 128]) };
    stripes.draw(striped, fine, { x: 0, y: 0, width: 2, height: 2 });
    expect([...striped.subarray(0, 2)]).toEqual([128, 128]);
  });

  it('can draw with nearest-neighbour scaling', () => {
    const compositor = createCompositor(4, 2);
    const frame = new Uint8Array(compositor.frameBytes);
    const source = { width: 2, height: 1, data: new Uint8Array([0, 200, 128, 128]) };
    compositor.draw(frame, source, { x: 0, y: 0, width: 4, height: 2 }, 'nearest');
    expect([...frame.subarray(0, 4)]).toEqual([0, 0, 200, 200]);
  });

  it('skips a frame whose data is shorter than its size says', () => {
    const compositor = createCompositor(canvas.width, canvas.height);
    const frame = new Uint8Array(compositor.frameBytes);
    compositor.fill(frame, BLACK);
    compositor.draw(frame, { width: 640, height: 360, data: new Uint8Array(1_000) }, full);
    expect(pixel(frame, canvas, 320, 180)).toEqual(BLACK);
  });
});
