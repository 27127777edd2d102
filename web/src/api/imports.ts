import { upload, type UploadProgress } from './http'
import type { ImportKind, ImportResult } from './types'

/** POST /imports/{kind}：multipart 字段 file；有错误行时返回 422 IMPORT_INVALID，整批不导入。 */
export function runImport(
  kind: ImportKind,
  file: File,
  onProgress?: (p: UploadProgress) => void,
): Promise<ImportResult> {
  return upload<ImportResult>(`/imports/${kind}`, file, file.name, onProgress)
}
