/** Nothing given: no texts of the page's to check. (A value that cannot even be read is not empty: the checker reports it.) */
export function givesNoTexts(given: unknown): boolean {
  if (given === undefined || given === null) return true;
  try {
    return typeof given === 'object' && Object.keys(given).length === 0;
  } catch {
    return false;
  }
}
