import { onBeforeUnmount, ref, type Ref } from 'vue'

/** 每秒更新的当前时间（毫秒），供倒计时使用；组件卸载时停止。 */
export function useNow(intervalMs = 1000): Ref<number> {
  const now = ref(Date.now())
  const timer = setInterval(() => {
    now.value = Date.now()
  }, intervalMs)
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
