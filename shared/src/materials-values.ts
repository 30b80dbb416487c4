/**
 * What a session's materials may be, without zod, so a page that reads them does not download
 * the schemas (materials.ts holds those and re-exports these).
 */

/** The kinds of file a speaker or organizer may attach, as the server detects them from the bytes. */
export const MATERIAL_KINDS = ['pdf', 'pptx', 'png', 'jpeg', 'webp'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** The Content-Type a material of each kind is served with, and the extension its name gets. */
export const MATERIAL_TYPES: Record<MaterialKind, { contentType: string; extension: string }> = {
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
  pptx: {
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extension: 'pptx',
  },
  png: { contentType: 'image/png', extension: 'png' },
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  webp: { contentType: 'image/webp', extension: 'webp' },
};

/** The largest file that may be attached (the server says the same in its refusal). */
export const MAX_MATERIAL_BYTES = 50 * 1024 * 1024;

/** The longest file name kept (longer ones are cut before the extension). */
export const MAX_MATERIAL_NAME_LENGTH = 120;

/** Why someone sees no materials: as a replay's refusal says it. */
export const MATERIAL_REFUSALS = ['registrants_only', 'organizers_only', 'sign_in'] as const;
export type MaterialRefusal = (typeof MATERIAL_REFUSALS)[number];
