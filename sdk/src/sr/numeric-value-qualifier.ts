import type { CodedConcept } from './coded-concept.js';

const dcm = (value: string, meaning: string): CodedConcept => Object.freeze({ value, scheme: 'DCM', meaning });

/**
 * Numeric Value Qualifiers (PS3.16 CID 42, DCM codes): why a NUM has no value, or what its value
 * means. A measurement that was not made is a NUM with one of these and no value — never a zero.
 */
export const NumericValueQualifier = Object.freeze({
  notANumber: dcm('114000', 'Not a number'),
  negativeInfinity: dcm('114001', 'Negative Infinity'),
  positiveInfinity: dcm('114002', 'Positive Infinity'),
  divideByZero: dcm('114003', 'Divide by zero'),
  underflow: dcm('114004', 'Underflow'),
  overflow: dcm('114005', 'Overflow'),
  measurementFailure: dcm('114006', 'Measurement failure'),
  measurementNotAttempted: dcm('114007', 'Measurement not attempted'),
  calculationFailure: dcm('114008', 'Calculation failure'),
  valueOutOfRange: dcm('114009', 'Value out of range'),
  valueUnknown: dcm('114010', 'Value unknown'),
  valueIndeterminate: dcm('114011', 'Value indeterminate'),
});
