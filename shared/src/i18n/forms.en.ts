import type { formsMessages as reference } from './forms.id.ts';
import type { Translation } from './translation.ts';

/** English messages of what every form says: hints, field errors, save and cancel; the same keys as forms.id.ts. */
export const formsMessages: Translation<typeof reference> = {
  forms: {
    optional: '(optional)',
    required: 'Required.',
    tooShort: 'At least {min} characters.',
    tooLong: 'At most {max} characters.',
    tooSmall: 'At least {min}.',
    tooBig: 'At most {max}.',
    tooFewItems: 'At least {min} choices.',
    tooManyItems: 'At most {max}.',
    wholeNumber: 'Enter a whole number.',
    email: 'Enter an email address, e.g. budi@example.com.',
    url: 'Enter an address starting with https://.',
    date: 'Choose a date.',
    time: 'Choose a time.',
    timeZone: 'Choose a time zone from the list.',
    invalid: 'This value is not valid.',
    networkError: 'Serambi could not be reached. Check your internet connection and try again.',
    serverError: 'Something went wrong on the server. Try again in a moment.',
    saved: 'Saved.',
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    close: 'Close',
    loading: 'Loading…',
    loadFailed: 'Could not load. Check your connection and reload the page.',
  },
};
