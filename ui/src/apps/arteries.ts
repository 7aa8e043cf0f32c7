/** The coronary arteries a calcium seed names (the calcium app's `seeds` parameter), with their display colours. */
export const ARTERIES = [
  { code: 'LM', name: 'Left main', color: '#ffd400' },
  { code: 'LAD', name: 'Left anterior descending', color: '#ff4d4d' },
  { code: 'LCX', name: 'Left circumflex', color: '#4dd2ff' },
  { code: 'RCA', name: 'Right coronary', color: '#66ff66' },
  { code: 'PDA', name: 'Posterior descending', color: '#d98cff' },
] as const;

export type Artery = (typeof ARTERIES)[number]['code'];

export function arteryColor(code: string): string {
  return ARTERIES.find((a) => a.code === code)?.color ?? '#ffffff';
}
