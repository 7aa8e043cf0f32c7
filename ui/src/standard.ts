/**
 * The generated DICOM tables the browser needs, straight from the SDK's sources (the SDK's entry
 * also carries the dictionary and the IOD tables, which the UI has no use for).
 */
export { Tag } from '../../sdk/src/standard/tags.generated';
export { SopClass, TransferSyntax } from '../../sdk/src/standard/uids.generated';
/** The DIMSE command group (PS3.7 Table E.1-1): DICOMweb answers carry its Error Comment (0000,0902). */
export { CommandTag } from '../../host/src/net/dimse/command-tags.generated';
