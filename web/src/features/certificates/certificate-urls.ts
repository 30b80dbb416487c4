/** Downloads the browser fetches itself, with the organizer's cookie (no JSON, so not through the typed client). */
export const certificatePdfUrl = (id: string) => `/api/certificates/${encodeURIComponent(id)}/pdf`;
export const certificatePreviewUrl = (ref: string) =>
  `/api/sessions/${encodeURIComponent(ref)}/certificates/preview.pdf`;
