export const COMPRESSIBLE: Set<string>
export const MIN_SIZE: number
export function precompress(dir: string): { file: string; encoding: 'br' | 'gzip'; size: number; compressed: number }[]
