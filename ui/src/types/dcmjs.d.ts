/** The part of dcmjs (no bundled types) the UI uses: Part 10 read/write and (de)naturalization. */
declare module 'dcmjs' {
  type Naturalized = Record<string, unknown>;
  interface DicomDict {
    meta: Record<string, unknown>;
    dict: Record<string, unknown>;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDict };
      DicomMetaDictionary: {
        naturalizeDataset(dict: Record<string, unknown>): Naturalized;
        denaturalizeDataset(ds: Naturalized): Record<string, unknown>;
        uid(): string;
      };
      datasetToBlob(ds: Naturalized): Blob;
    };
  };
  export default dcmjs;
}
