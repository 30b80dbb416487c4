import type { LinkSigner } from '../storage/signed-links.ts';

/** Long enough to start a 50 MB download on a slow phone; the list gives a fresh one whenever it loads. */
export const MATERIAL_LINK_TTL_SECONDS = 15 * 60;

/**
 * Signed, short-lived download addresses of materials (the same signer as recordings' media,
 * with subjects of their own). Someone with a personal join link has no cookie, and a plain
 * `<a download>` sends no ticket, so whether they may is decided when the list is made and the
 * address carries it: one file, until it expires.
 */
export interface MaterialLinks {
  url(materialId: string, now: Date): string;
  check(materialId: string, token: string | undefined, now: Date): boolean;
}

export function createMaterialLinks(signer: LinkSigner): MaterialLinks {
  const subject = (materialId: string) => `material.${materialId}.download`;
  return {
    url(materialId, now) {
      const expires = Math.floor(now.getTime() / 1000) + MATERIAL_LINK_TTL_SECONDS;
      return `/api/materials/${materialId}/download?token=${signer.token(subject(materialId), expires)}`;
    },
    check: (materialId, token, now) => signer.check(subject(materialId), token, now),
  };
}
