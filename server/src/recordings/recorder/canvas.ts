/**
 * Drawing I420 frames onto the recording's fixed-size canvas, in plain JS: fit a source inside
 * a rectangle without stretching it, and scale each plane into place. Sources change size mid
 * stream (simulcast layers, a window resized while shared), so the scaling tables are cached by
 * size and rebuilt when it changes; a source already the rectangle's size is copied row by row.
 */

export interface I420Image {
  width: number;
  height: number;
  /** Y plane, then U, then V, each tightly packed; chroma planes are ceil(width/2) × ceil(height/2). */
  data: Uint8Array;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface YuvColour {
  y: number;
  u: number;
  v: number;
}

/** Video black (limited range), what letterbox bars and an empty stage show. */
export const BLACK: YuvColour = { y: 16, u: 128, v: 128 };

export type ScaleQuality = 'nearest' | 'bilinear';

/** Bytes of an I420 image of this size. */
export function i420Bytes(width: number, height: number): number {
  return width * height + 2 * ((width + 1) >> 1) * ((height + 1) >> 1);
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** The largest rectangle with the source's aspect ratio that fits `area`, centred; sides and corner even. */
export function fitInside(source: { width: number; height: number }, area: Rect): Rect {
  const scale = Math.min(area.width / source.width, area.height / source.height);
  const width = Math.min(area.width, even(source.width * scale));
  const height = Math.min(area.height, even(source.height * scale));
  return {
    x: area.x + Math.floor((area.width - width) / 4) * 2,
    y: area.y + Math.floor((area.height - height) / 4) * 2,
    width,
    height,
  };
}

interface AxisTable {
  /** Per target pixel: the source pixel before it, the one after, and the weight of the latter (0–256). */
  from: Int32Array;
  to: Int32Array;
  weight: Uint16Array;
}

function axisTable(sourceLength: number, targetLength: number, quality: ScaleQuality): AxisTable {
  const table = {
    from: new Int32Array(targetLength),
    to: new Int32Array(targetLength),
    weight: new Uint16Array(targetLength),
  };
  const step = sourceLength / targetLength;
  for (let i = 0; i < targetLength; i++) {
    if (quality === 'nearest') {
      const nearest = Math.min(sourceLength - 1, Math.floor((i + 0.5) * step));
      table.from[i] = nearest;
      table.to[i] = nearest;
      continue;
    }
    // Pixel centres line up: target centre i + 0.5 sits at source position (i + 0.5) * step.
    const position = Math.min(sourceLength - 1, Math.max(0, (i + 0.5) * step - 0.5));
    const before = Math.floor(position);
    table.from[i] = before;
    table.to[i] = Math.min(sourceLength - 1, before + 1);
    table.weight[i] = Math.round((position - before) * 256);
  }
  return table;
}

interface PlaneTables {
  columns: AxisTable;
  rows: AxisTable;
}

interface ScaleTables {
  luma: PlaneTables;
  chroma: PlaneTables;
}

const MAX_CACHED_TABLES = 8;

export interface Compositor {
  readonly width: number;
  readonly height: number;
  /** Bytes of one canvas frame. */
  readonly frameBytes: number;
  fill(target: Uint8Array, colour: YuvColour): void;
  /** Scales `image` into `rect` of `target` (a canvas frame); an image with too little data is skipped. */
  draw(target: Uint8Array, image: I420Image, rect: Rect, quality?: ScaleQuality): void;
}

export function createCompositor(width: number, height: number): Compositor {
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error(`The canvas must have even sides, not ${width}×${height}.`);
  const chromaWidth = width / 2;
  const chromaHeight = height / 2;
  const lumaBytes = width * height;
  const chromaBytes = chromaWidth * chromaHeight;
  const tables = new Map<string, ScaleTables>();
  const rows = new RowCache();

  const tablesFor = (image: I420Image, rect: Rect, quality: ScaleQuality): ScaleTables => {
    const key = `${image.width}x${image.height}>${rect.width}x${rect.height}:${quality}`;
    let found = tables.get(key);
    if (!found) {
      if (tables.size >= MAX_CACHED_TABLES) tables.clear();
      const sourceChroma = { width: (image.width + 1) >> 1, height: (image.height + 1) >> 1 };
      found = {
        luma: {
          columns: axisTable(image.width, rect.width, quality),
          rows: axisTable(image.height, rect.height, quality),
        },
        chroma: {
          columns: axisTable(sourceChroma.width, rect.width / 2, quality),
          rows: axisTable(sourceChroma.height, rect.height / 2, quality),
        },
      };
      tables.set(key, found);
    }
    return found;
  };

  return {
    width,
    height,
    frameBytes: lumaBytes + 2 * chromaBytes,
    fill(target, colour) {
      target.fill(colour.y, 0, lumaBytes);
      target.fill(colour.u, lumaBytes, lumaBytes + chromaBytes);
      target.fill(colour.v, lumaBytes + chromaBytes, lumaBytes + 2 * chromaBytes);
    },
    draw(target, image, rect, quality = 'bilinear') {
      const sourceChromaWidth = (image.width + 1) >> 1;
      const sourceChromaHeight = (image.height + 1) >> 1;
      const sourceLuma = image.width * image.height;
      const sourceChroma = sourceChromaWidth * sourceChromaHeight;
      if (image.width < 1 || image.height < 1 || image.data.length < sourceLuma + 2 * sourceChroma) return;
      const inside = clip(rect, width, height);
      if (!inside) return;
      const planes = [
        { from: 0, to: 0, sourceWidth: image.width, sourceHeight: image.height, stride: width, scale: 1 },
        {
          from: sourceLuma,
          to: lumaBytes,
          sourceWidth: sourceChromaWidth,
          sourceHeight: sourceChromaHeight,
          stride: chromaWidth,
          scale: 2,
        },
        {
          from: sourceLuma + sourceChroma,
          to: lumaBytes + chromaBytes,
          sourceWidth: sourceChromaWidth,
          sourceHeight: sourceChromaHeight,
          stride: chromaWidth,
          scale: 2,
        },
      ];
      const sameSize = image.width === inside.width && image.height === inside.height;
      const scaleTables = sameSize ? undefined : tablesFor(image, inside, quality);
      for (const plane of planes) {
        const area = {
          x: inside.x / plane.scale,
          y: inside.y / plane.scale,
          width: inside.width / plane.scale,
          height: inside.height / plane.scale,
        };
        const source = image.data.subarray(plane.from, plane.from + plane.sourceWidth * plane.sourceHeight);
        const into = target.subarray(plane.to);
        if (!scaleTables) {
          copyPlane(source, plane.sourceWidth, into, plane.stride, area);
        } else {
          const planeTables = plane.scale === 1 ? scaleTables.luma : scaleTables.chroma;
          if (quality === 'nearest') scaleNearest(source, plane.sourceWidth, into, plane.stride, area, planeTables);
          else if (plane.sourceHeight >= area.height)
            scaleBilinearDown(source, plane.sourceWidth, into, plane.stride, area, planeTables);
          else scaleBilinearUp(source, plane.sourceWidth, into, plane.stride, area, planeTables, rows);
        }
      }
    },
  };
}

/** A rectangle wholly on the canvas with even corners and sides, or undefined when it is not. */
function clip(rect: Rect, width: number, height: number): Rect | undefined {
  const valid =
    rect.x >= 0 &&
    rect.y >= 0 &&
    rect.width >= 2 &&
    rect.height >= 2 &&
    rect.x + rect.width <= width &&
    rect.y + rect.height <= height &&
    rect.x % 2 === 0 &&
    rect.y % 2 === 0 &&
    rect.width % 2 === 0 &&
    rect.height % 2 === 0;
  return valid ? rect : undefined;
}

function copyPlane(source: Uint8Array, sourceWidth: number, target: Uint8Array, stride: number, area: Rect): void {
  if (area.x === 0 && area.width === stride) {
    target.set(source.subarray(0, area.width * area.height), area.y * stride);
    return;
  }
  for (let row = 0; row < area.height; row++) {
    target.set(source.subarray(row * sourceWidth, row * sourceWidth + area.width), (area.y + row) * stride + area.x);
  }
}

function scaleNearest(
  source: Uint8Array,
  sourceWidth: number,
  target: Uint8Array,
  stride: number,
  area: Rect,
  tables: PlaneTables,
): void {
  const columns = tables.columns.from;
  for (let row = 0; row < area.height; row++) {
    const sourceRow = (tables.rows.from[row] as number) * sourceWidth;
    let at = (area.y + row) * stride + area.x;
    for (let column = 0; column < area.width; column++) {
      target[at++] = source[sourceRow + (columns[column] as number)] as number;
    }
  }
}

/**
 * Bilinear, blending the four source pixels around each target pixel; for a picture shrunk
 * vertically (a screen share) every target row needs other source rows anyway.
 */
function scaleBilinearDown(
  source: Uint8Array,
  sourceWidth: number,
  target: Uint8Array,
  stride: number,
  area: Rect,
  tables: PlaneTables,
): void {
  const { from, to, weight } = tables.columns;
  for (let row = 0; row < area.height; row++) {
    const upper = (tables.rows.from[row] as number) * sourceWidth;
    const lower = (tables.rows.to[row] as number) * sourceWidth;
    const down = tables.rows.weight[row] as number;
    const up = 256 - down;
    let at = (area.y + row) * stride + area.x;
    for (let column = 0; column < area.width; column++) {
      const left = from[column] as number;
      const right = to[column] as number;
      const across = weight[column] as number;
      const back = 256 - across;
      const top = (source[upper + left] as number) * back + (source[upper + right] as number) * across;
      const bottom = (source[lower + left] as number) * back + (source[lower + right] as number) * across;
      target[at++] = (top * up + bottom * down + 32_768) >> 16;
    }
  }
}

/**
 * Bilinear in two passes for a picture enlarged vertically (a small camera): consecutive target
 * rows share source rows, so each source row is blended across once and kept while needed,
 * then target rows blend two such rows down.
 */
function scaleBilinearUp(
  source: Uint8Array,
  sourceWidth: number,
  target: Uint8Array,
  stride: number,
  area: Rect,
  tables: PlaneTables,
  rows: RowCache,
): void {
  const { columns } = tables;
  rows.reset(area.width);
  for (let row = 0; row < area.height; row++) {
    const upperRow = tables.rows.from[row] as number;
    const lowerRow = tables.rows.to[row] as number;
    let upper = rows.find(upperRow);
    if (!upper) {
      upper = rows.take(upperRow);
      blendAcross(source, upperRow * sourceWidth, columns, area.width, upper);
    }
    let lower = rows.find(lowerRow);
    if (!lower) {
      lower = rows.take(lowerRow, upper);
      blendAcross(source, lowerRow * sourceWidth, columns, area.width, lower);
    }
    const down = tables.rows.weight[row] as number;
    const up = 256 - down;
    let at = (area.y + row) * stride + area.x;
    for (let column = 0; column < area.width; column++) {
      target[at++] = ((upper[column] as number) * up + (lower[column] as number) * down + 32_768) >> 16;
    }
  }
}

function blendAcross(source: Uint8Array, start: number, columns: AxisTable, width: number, into: Uint16Array): void {
  const { from, to, weight } = columns;
  for (let column = 0; column < width; column++) {
    const right = weight[column] as number;
    into[column] =
      (source[start + (from[column] as number)] as number) * (256 - right) +
      (source[start + (to[column] as number)] as number) * right;
  }
}

/** Two source rows blended across, reused while consecutive target rows need the same ones. */
class RowCache {
  private readonly rows = [-1, -1];
  private values = [new Uint16Array(0), new Uint16Array(0)];
  private older = 0;

  reset(width: number): void {
    if ((this.values[0] as Uint16Array).length < width) this.values = [new Uint16Array(width), new Uint16Array(width)];
    this.rows[0] = -1;
    this.rows[1] = -1;
    this.older = 0;
  }

  find(row: number): Uint16Array | undefined {
    if (this.rows[0] === row) return this.values[0];
    if (this.rows[1] === row) return this.values[1];
    return undefined;
  }

  /** A slot for `row`: the one not holding `keep`, else the one filled longer ago. */
  take(row: number, keep?: Uint16Array): Uint16Array {
    const slot = keep === undefined ? this.older : this.values[0] === keep ? 1 : 0;
    this.older = 1 - slot;
    this.rows[slot] = row;
    return this.values[slot] as Uint16Array;
  }
}
