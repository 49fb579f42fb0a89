export function findChromium(): string | undefined;
export function findFirefox(): string | undefined;
export const chromiumArgs: string[];
export function required(path: string | undefined, name: string): string;
