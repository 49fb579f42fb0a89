import type { AttachmentStore } from './attachments.js';

/** What the agent console and the admin API can send besides text: one sample of each content kind. */
export const contentKinds = ['image', 'file', 'card', 'carousel', 'date-picker', 'list-picker', 'unknown'] as const;
export type ContentKind = (typeof contentKinds)[number];

/** A small image and a small PDF, made here so that the emulator needs no files of its own. */
export const sampleImagePath = '/emulator/sample.svg';
export const sampleImage = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="200" viewBox="0 0 320 200"><rect width="320" height="200" fill="#1f6f5c"/><circle cx="90" cy="100" r="48" fill="#f2c14e"/><text x="160" y="110" font-family="sans-serif" font-size="28" fill="#fff">Boot, left</text></svg>`,
);
const samplePdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>endobj 4 0 obj<</Length 44>>stream\nBT /F1 18 Tf 20 70 Td (Return label) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * The content items for one sample, in the shapes the official schema gives (checked by the
 * schema test). Attachments are stored, and their items name them by id until they are sent
 * (`attachment:<id>` is replaced by a presigned address on the wire).
 */
export function sampleContent(kind: ContentKind, files: AttachmentStore, origin: string, now = Date.now()): unknown[] {
  switch (kind) {
    case 'image': {
      const file = files.put('boot-left.svg', 'image/svg+xml', sampleImage);
      return [{ contentType: 'Attachment', attachment: { id: file.id, url: `attachment:${file.id}`, filename: file.name, mediaType: 'Image', mime: file.mime, fileSize: file.bytes.length } }];
    }
    case 'file': {
      const file = files.put('return-label.pdf', 'application/pdf', samplePdf);
      return [{ contentType: 'Attachment', attachment: { id: file.id, url: `attachment:${file.id}`, filename: file.name, mediaType: 'File', mime: file.mime, fileSize: file.bytes.length } }];
    }
    case 'card':
      return [{ contentType: 'Card', card: planCard(origin, 'Walking boots', 'Waterproof, sizes 36 to 47. €89', 'BOOTS') }];
    case 'carousel':
      return [
        {
          contentType: 'Carousel',
          carousel: { cards: [planCard(origin, 'Standard delivery', '3 to 5 days, free', 'STANDARD'), planCard(origin, 'Express delivery', 'Next day, €6', 'EXPRESS'), planCard(origin, 'Pick-up point', '2 days, free', 'PICKUP')] },
        },
      ];
    case 'date-picker': {
      const day = new Date(now + 86_400_000);
      day.setUTCHours(9, 0, 0, 0);
      const slots = [0, 1, 2, 5].map((hours) => ({ dateTime: new Date(day.getTime() + hours * 3_600_000).toISOString(), duration: 30 }));
      return [{ contentType: 'DatePicker', datePicker: { title: 'Book a call back', subtitle: 'Times are shown in your time zone', availableTimes: slots } }];
    }
    case 'list-picker':
      return [
        {
          contentType: 'ListPicker',
          listPicker: {
            id: 'sizes',
            sections: [{ title: 'Sizes', multipleSelection: false, items: [{ id: 'size-41', title: '41' }, { id: 'size-42', title: '42' }, { id: 'size-43', title: '43', subtitle: 'Last pair' }] }],
            receivedMessage: { title: 'Which size would you like?', buttonLabel: 'Choose this size' },
            replyMessage: { title: 'Thanks, noted.' },
          },
        },
      ];
    case 'unknown':
      return [{ contentType: 'Story', story: { type: 'Mention', url: 'https://example.com/story' } }];
  }
}

function planCard(origin: string, title: string, description: string, payload: string): Record<string, unknown> {
  return {
    title,
    description,
    image: `${origin}${sampleImagePath}`,
    defaultAction: { type: 'Link', text: 'Details', url: 'https://www.example.com/fernhill' },
    actions: [
      { type: 'Postback', text: `Choose ${title.toLowerCase()}`, payload },
      { type: 'Link', text: 'Details', url: 'https://www.example.com/fernhill' },
    ],
  };
}
