/**
 * Coding Scheme Designators of PS3.16 Table 8-1 that a document may use without declaring them
 * (a subset: the schemes reports commonly use). Any other designator, and every private one
 * (`99…`, PS3.3 §8.2), is declared in the document's Coding Scheme Identification Sequence.
 */
export const STANDARD_CODING_SCHEMES: ReadonlySet<string> = new Set([
  'DCM', // DICOM Controlled Terminology (PS3.16 Annex D)
  'SCT', // SNOMED CT
  'SRT', // SNOMED-RT style codes (retired designator, still read)
  'LN', // LOINC
  'UCUM', // Unified Code for Units of Measure
  'FMA', // Foundational Model of Anatomy
  'RADLEX', // RadLex
  'NCIt', // NCI Thesaurus
  'UMLS', // UMLS concept identifiers
  'MDC', // ISO/IEEE 11073 Medical Device Nomenclature
  'ICD10', // ICD-10
  'I10', // ICD-10 (HL7 designator)
  'ICD10-CM', // ICD-10 Clinical Modification
  'ICD10-PCS', // ICD-10 Procedure Coding System
  'I9C', // ICD-9-CM
  'SNM3', // SNOMED v3
  'NDC', // US National Drug Code
  'RXNORM', // RxNorm
  'UBERON', // Uberon anatomy ontology
  'NEU', // NeuroNames
  'PUBCHEM_CID', // PubChem compound identifiers
  'ITIS_TSN', // Integrated Taxonomic Information System
  'ISO3166_1', // country codes
  'ISO639_1', // language codes
  'ISO639_2', // language codes
  'RFC5646', // language tags
]);
