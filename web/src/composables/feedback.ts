// 全局提示：统一中文错误展示，401 交给全局跳转处理。
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { errorMessage, isSessionExpired } from '@/utils/errors'

export function showError(e: unknown): void {
  if (isSessionExpired(e)) return
  ElMessage({ type: 'error', message: errorMessage(e), showClose: true, duration: 5000 })
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message })
}

export function showWarning(message: string): void {
  ElMessage({ type: 'warning', message, showClose: true })
}

export async function confirmAction(message: string, title = '请确认'): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type: 'warning', confirmButtonText: '确定', cancelButtonText: '取消' })
    return true
  } catch {
    return false
  }
}
