/** DICOM I/O: full-fidelity Part 10 / dataset reading and writing, values, pixels. */
export { DataSet } from './data-set.js';
export { UNDEFINED_LENGTH, type DataElement, type Encapsulated, type SequenceItem } from './data-element.js';
export { parseDicom, type DicomFile, type ParseDicomOptions } from './parse-part10.js';
export { parseDataset, type ParseDatasetOptions, type ParsedDataset } from './parse-dataset.js';
export { formatTag } from './parse-error.js';
export { writePart10, buildFileMeta } from './write-part10.js';
export { writeDataset } from './write-dataset.js';
export { stringElement, numberElement, bytesElement } from './element-factory.js';
export { decodeElementStrings, decodeElementNumbers } from './element-value.js';
export { dumpDataset, type DumpOptions } from './dump-dataset.js';
export { pixelDescriptionOf, pixelDataSourceOf, readFrame } from './pixel-access.js';
export { transferSyntaxInfo, EXPLICIT_LE, EXPLICIT_BE, IMPLICIT_LE, type DatasetEncoding, type TransferSyntaxInfo } from './transfer-syntax.js';
export { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './implementation.js';
