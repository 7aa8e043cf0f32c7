import { adaptersSR } from '@cornerstonejs/adapters';
import { metaData } from '@cornerstonejs/core';
import type { Types as ToolTypes } from '@cornerstonejs/tools';
import dcmjs from 'dcmjs';
import { key, type JsonDataset } from '../dicomweb/dicom-json';
import { Tag } from '../standard';

/** The Patient and General Study attributes the report takes from the measured images (PS3.3 C.7.1.1, C.7.2.1). */
const FROM_SOURCE = ['PatientName', 'PatientID', 'PatientBirthDate', 'PatientSex', 'StudyDate', 'StudyTime', 'StudyID', 'AccessionNumber', 'ReferringPhysicianName'] as const;

/** The measurement tools whose annotations go into the report (each has a TID 300 adapter). */
export const REPORTED_TOOLS = ['Length', 'Angle', 'RectangleROI', 'EllipticalROI', 'Probe'] as const;

/**
 * Length, angle and ROI annotations as a DICOM SR Measurement Report (TID 1500, Comprehensive SR),
 * written by cornerstone's dcmjs adapters as OHIF writes them: one Measurement Group per annotation,
 * with its SCOORD on the referenced image and the measured values (mm, deg, mm2, HU mean/SD).
 * The image metadata comes from the loader's WADO-RS metadata; the patient and study attributes,
 * which the adapters leave out, from `source` (an image of the measured series). Answers a Part 10 file.
 */
export function measurementReport(annotations: ToolTypes.Annotation[], source: JsonDataset, seriesDescription = 'Measurements'): Blob {
  const toolState: Record<string, Record<string, { data: ToolTypes.Annotation[] }>> = {};
  for (const a of annotations) {
    const imageId = a.metadata?.referencedImageId;
    const tool = a.metadata?.toolName ?? '';
    if (!imageId || !(REPORTED_TOOLS as readonly string[]).includes(tool)) continue;
    toolState[imageId] ??= {};
    (toolState[imageId][tool] ??= { data: [] }).data.push(a);
  }
  if (!Object.keys(toolState).length) throw new Error('no length, angle or ROI measurement on an image to report');
  const report = adaptersSR.Cornerstone3D.MeasurementReport.generateReport(toolState, metaData, { SeriesDescription: seriesDescription, SeriesNumber: 900, Manufacturer: 'Atrium' });
  const dataset = report.dataset as Record<string, unknown>;
  for (const keyword of FROM_SOURCE) {
    const value = source[key(Tag[keyword])]?.Value?.[0];
    if (value !== undefined && value !== null) dataset[keyword] = value;
    else dataset[keyword] ??= '';
  }
  return dcmjs.data.datasetToBlob(dataset);
}
