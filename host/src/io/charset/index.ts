/**
 * DICOM character sets (PS3.5 6.1, PS3.3 C.12.1.1.2): decoding and encoding of the values
 * of text VRs under Specific Character Set (0008,0005).
 */
export { decodeText, type DecodeTextOptions } from './decode-text.js';
export { encodeText } from './encode-text.js';
export { normalizeCharacterSetTerm } from './normalize-character-set-term.js';
export { SUPPORTED_CHARACTER_SET_TERMS, type CharacterSetTermInfo } from './character-set-terms.js';
export { TEXT_VRS } from './text-vrs.js';
