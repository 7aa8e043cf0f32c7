import type { Generator } from './generator.js';

/**
 * Encapsulated Document Length (0042,0015): the number of bytes of the document the app gives as
 * content `EncapsulatedDocument`, before the engine pads it to an even length (PS3.3 C.24.2);
 * absent when the app gives no document.
 */
export const encapsulatedDocumentLength: Generator = (ctx) => {
  const document = ctx.request.request.content?.EncapsulatedDocument;
  return document instanceof Uint8Array ? document.length : undefined;
};
