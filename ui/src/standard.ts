/**
 * The generated DICOM tables the browser needs, straight from the SDK's sources (the SDK's entry
 * also carries the dictionary and the IOD tables, which the UI has no use for).
 */
export { Tag } from '../../sdk/src/standard/tags.generated';
export { SopClass, TransferSyntax } from '../../sdk/src/standard/uids.generated';
