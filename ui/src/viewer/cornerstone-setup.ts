import { init as coreInit } from '@cornerstonejs/core';
import { init as loaderInit } from '@cornerstonejs/dicom-image-loader';
import {
  AngleTool,
  EllipticalROITool,
  LengthTool,
  PanTool,
  ProbeTool,
  RectangleROITool,
  StackScrollTool,
  WindowLevelTool,
  ZoomTool,
  addTool,
  init as toolsInit,
} from '@cornerstonejs/tools';
import { authHeaders } from '../api/auth';

let ready: Promise<void> | undefined;

/**
 * cornerstone3D once per page: the rendering core (WebGL2; vtk.js 36 is cornerstone's own copy),
 * the DICOM image loader over our WADO-RS (its decode workers and wasm codecs; each XHR carries the
 * access token when there is one) and the tools the viewer binds.
 */
export function setUpCornerstone(): Promise<void> {
  ready ??= (async () => {
    await coreInit();
    loaderInit({
      maxWebWorkers: Math.max(1, Math.min(2, Math.floor((navigator.hardwareConcurrency || 2) / 2))),
      beforeSend: () => authHeaders(),
    });
    toolsInit();
    for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool, RectangleROITool, EllipticalROITool, ProbeTool]) addTool(tool);
  })();
  return ready;
}
