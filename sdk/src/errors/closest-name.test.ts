import { describe, expect, it } from 'vitest';
import { closestName, editDistance } from './closest-name.js';

describe('closestName', () => {
  const keys = ['PatientName', 'PatientID', 'Modality', 'ModalitiesInStudy', 'StudyDate', 'SeriesDate'];

  it('finds a misspelt name: a letter missing, added, changed, swapped, or another case', () => {
    expect(closestName('PatientNam', keys)).toBe('PatientName');
    expect(closestName('Modalty', keys)).toBe('Modality');
    expect(closestName('PatientIDs', keys)).toBe('PatientID');
    expect(closestName('StudyDtae', keys)).toBe('StudyDate');
    expect(closestName('studydate', keys)).toBe('StudyDate');
  });

  it('finds a name typed with whole words left out before a closer misspelling', () => {
    const index = ['SeriesTime', 'SeriesInstanceUID', 'StudyInstanceUID', 'PatientBirthDate', 'PatientBirthTime', 'SeriesDescription'];
    expect(closestName('SeriesUID', index)).toBe('SeriesInstanceUID');
    expect(closestName('studyUID', index)).toBe('StudyInstanceUID');
    expect(closestName('PatientBirth', index)).toBe('PatientBirthDate');
    expect(closestName('SeriesTme', index)).toBe('SeriesTime');
    expect(closestName('Date', index)).toBeUndefined();
  });

  it('gives nothing when no name is close', () => {
    expect(closestName('Frobnicate', keys)).toBeUndefined();
    expect(closestName('x', ['ls', 'rm'])).toBeUndefined();
    expect(closestName('lss', ['ls', 'rm'])).toBe('ls');
  });

  it('measures insertions, deletions, substitutions and swaps', () => {
    expect([editDistance('abc', 'abc'), editDistance('abc', 'ab'), editDistance('abc', 'abd'), editDistance('abc', 'acb'), editDistance('', 'abc')]).toEqual([0, 1, 1, 1, 3]);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', 2)).toBeGreaterThanOrEqual(2);
  });
});
