/**
 * @atrium/sdk — the one typed API Atrium plugins import.
 *
 * This version exposes the DICOM standard tables generated from the machine-readable
 * standard: the data dictionary, tag constants, UID constants and IOD module tables.
 */
export * from './standard/index.js';
