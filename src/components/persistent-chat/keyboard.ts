/** Escape backs out (of the panel, or of a question in it) and goes no further up the page. */
export function onEscape(event: KeyboardEvent, back: () => void): void {
  if (event.key !== 'Escape') return;
  event.stopPropagation();
  back();
}
