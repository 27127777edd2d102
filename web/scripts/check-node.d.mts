export function parseVersion(s: string): [number, number, number]
export function satisfies(version: string, range: string): boolean
