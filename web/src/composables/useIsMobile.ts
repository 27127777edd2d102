import { onBeforeUnmount, ref, type Ref } from 'vue'

export const MOBILE_QUERY = '(max-width: 767.98px)'

/** 视口宽度小于 768px 时为 true（侧边菜单折叠为抽屉）。 */
export function useIsMobile(): Ref<boolean> {
  const mql = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(MOBILE_QUERY) : null
  const isMobile = ref(mql?.matches ?? false)
  const onChange = (e: MediaQueryListEvent) => {
    isMobile.value = e.matches
  }
  mql?.addEventListener('change', onChange)
  onBeforeUnmount(() => mql?.removeEventListener('change', onChange))
  return isMobile
}
