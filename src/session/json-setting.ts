/** What a JSON attribute (`guest-attributes`) held when it was not JSON: reported, then ignored. */
export class UnreadableJson {
  constructor(readonly text: string) {}
}

/** The `guest-attributes` converter: the parsed JSON, or what could not be parsed, to report. */
export function parseJsonAttribute(value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return new UnreadableJson(value);
  }
}
