import { TransferSyntax as TS } from '@atrium/sdk';

/** The media type of a frame or bulk data value in a transfer syntax (PS3.18 Table 8.7.3-2); native syntaxes: octet-stream. */
export function frameMediaType(transferSyntaxUID: string): string {
  switch (transferSyntaxUID) {
    case TS.JPEGBaseline8Bit:
    case TS.JPEGExtended12Bit:
    case TS.JPEGLossless:
    case TS.JPEGLosslessSV1:
      return 'image/jpeg';
    case TS.JPEGLSLossless:
    case TS.JPEGLSNearLossless:
      return 'image/jls';
    case TS.JPEG2000Lossless:
    case TS.JPEG2000:
      return 'image/jp2';
    case TS.HTJ2KLossless:
    case TS.HTJ2KLosslessRPCL:
    case TS.HTJ2K:
      return 'image/jphc';
    case TS.RLELossless:
      return 'image/dicom-rle';
    case TS.JPEGXLLossless:
    case TS.JPEGXLJPEGRecompression:
    case TS.JPEGXL:
      return 'image/jxl';
    default:
      return 'application/octet-stream';
  }
}
