/** Indonesian messages of the room’s chat; the reference for chat.en.ts. */
export const chatMessages = {
  chat: {
    heading: 'Obrolan',
    listLabel: 'Pesan obrolan',
    empty: 'Belum ada pesan. Sapa yang lain!',
    label: 'Pesan',
    placeholder: 'Tulis pesan…',
    send: 'Kirim',
    sending: 'Mengirim…',
    enterHint: 'Enter untuk mengirim, Shift+Enter untuk baris baru.',
    announcement: 'Kirim sebagai pengumuman',
    announcementLabel: 'Pengumuman',
    closed: 'Obrolan ditutup.',
    closedModerator: 'Obrolan ditutup untuk peserta. Moderator masih bisa menulis.',
    slowMode: 'Mode lambat: satu pesan setiap {seconds} detik.',
    slowModeWait: 'Anda bisa mengirim lagi dalam {seconds} detik.',
    newMessages: 'Pesan baru',
    delete: 'Hapus',
    deleteLabel: 'Hapus pesan dari {name}',
    makeQuestion: 'Jadikan pertanyaan',
    makeQuestionLabel: 'Jadikan pesan dari {name} sebuah pertanyaan',
    madeQuestion: 'Sudah dijadikan pertanyaan',
    roles: {
      participant: 'Peserta',
      speaker: 'Pembicara',
      moderator: 'Moderator',
    },
    banner: {
      label: 'Pengumuman dari {name}',
      dismiss: 'Tutup pengumuman',
    },
  },
} as const;
