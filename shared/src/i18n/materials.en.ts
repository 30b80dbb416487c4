import type { materialsMessages as reference } from './materials.id.ts';
import type { Translation } from './translation.ts';

/** English messages of a session's materials; the same keys as materials.id.ts. */
export const materialsMessages: Translation<typeof reference> = {
  materials: {
    heading: 'Materials',
    lead: 'Slides and files the speakers share.',
    empty: 'No materials for this session yet.',
    download: 'Download',
    downloadLabel: 'Download {name}',
    kinds: {
      pdf: 'PDF',
      pptx: 'PowerPoint',
      png: 'PNG image',
      jpeg: 'JPEG image',
      webp: 'WebP image',
    },
    sizeKb: '{n} KB',
    sizeMb: '{n} MB',
    sizeGb: '{n} GB',
    uploadedBy: 'from {name}',
    pinned: 'Pinned',
    refused: {
      registrants_only: 'This session’s materials are for its registrants.',
      organizers_only: 'This session’s materials are for its organizers.',
      sign_in: 'Sign in with the account you registered with to download the materials.',
    },
    manage: {
      lead: 'Attach slides or files for participants, before or during the session: PDF, PowerPoint (PPTX), or PNG, JPEG or WebP images, up to {max} MB each. Registrants download them from their personal page and from the session room.',
      choose: 'File to attach',
      upload: 'Upload',
      uploading: 'Uploading…',
      uploaded: '{name} is attached.',
      tooLarge: '{name} is larger than {max} MB. Make it smaller first (for example, export the slides as PDF).',
      usage: 'Community files: {used} of {limit} used.',
      delete: 'Delete',
      deleteLabel: 'Delete {name}',
      deleteTitle: 'Delete {name}?',
      deleteBody: 'Participants will no longer be able to download it. This cannot be undone.',
      pin: 'Pin',
      pinLabel: 'Pin {name} for everyone in the room',
      unpin: 'Unpin',
      unpinLabel: 'Unpin {name}',
    },
  },
};
