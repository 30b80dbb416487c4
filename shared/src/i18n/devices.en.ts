import type { devicesMessages as reference } from './devices.id.ts';
import type { Translation } from './translation.ts';

/** English messages of the camera and microphone check; the same keys as devices.id.ts. */
export const devicesMessages: Translation<typeof reference> = {
  check: {
    title: 'Check your camera and microphone',
    lead: 'Before you speak or moderate, make sure participants can see and hear you. The preview stays in this browser: nothing is recorded or sent.',
    starting: 'Waiting for permission to use the camera and microphone…',
    retry: 'Try again',
    camera: {
      heading: 'Camera',
      choose: 'Camera to use',
      preview: 'Preview of your camera',
      denied:
        'The browser blocked the camera. Allow the camera for this site (the icon left of the address bar), then try again.',
      notFound: 'No camera was found. Connect one, then try again.',
      inUse: 'Another app is using the camera. Close that app, then try again.',
      failed: 'The camera could not be started. Try again or choose another camera.',
      unsupported: 'This page cannot use a camera. Open Serambi at an https address in an up-to-date browser.',
      unnamed: 'Camera {number}',
    },
    microphone: {
      heading: 'Microphone',
      choose: 'Microphone to use',
      level: 'Microphone level',
      hint: 'Say something: the bar moves while the microphone hears you.',
      denied:
        'The browser blocked the microphone. Allow the microphone for this site (the icon left of the address bar), then try again.',
      notFound: 'No microphone was found. Connect one, then try again.',
      inUse: 'Another app is using the microphone. Close that app, then try again.',
      failed: 'The microphone could not be started. Try again or choose another microphone.',
      unsupported: 'This page cannot use a microphone. Open Serambi at an https address in an up-to-date browser.',
      unnamed: 'Microphone {number}',
    },
  },
};
