// 异步动作的共同状态：进行中（loading）与出错时的提示。页面不再各写 try / catch / finally。
import { ref, shallowRef, type Ref } from 'vue'
import { errorMessage, isNotFound, isSessionExpired } from '@/utils/errors'
import { showError } from './feedback'

export interface TaskOptions {
  /**
   * 出错时怎样告诉用户：'toast'（默认）全局提示；'inline' 把中文信息写入 error 由页面就地显示
   * （会话过期不写，由全局跳转登录页）；函数则自行处理。
   */
  errors?: 'toast' | 'inline' | ((e: unknown) => void)
}

export interface Task<A extends unknown[], R> {
  /** 执行；出错时按 errors 处理并返回 undefined。 */
  run: (...args: A) => Promise<R | undefined>
  loading: Ref<boolean>
  /** errors 为 'inline' 时最近一次失败的信息；开始执行时清空。 */
  error: Ref<string>
}

export function useTask<A extends unknown[], R>(fn: (...args: A) => Promise<R>, options: TaskOptions = {}): Task<A, R> {
  const loading = ref(false)
  const error = ref('')
  const errors = options.errors ?? 'toast'

  function fail(e: unknown): void {
    if (typeof errors === 'function') errors(e)
    else if (errors === 'toast') showError(e)
    else if (!isSessionExpired(e)) error.value = errorMessage(e)
  }

  async function run(...args: A): Promise<R | undefined> {
    loading.value = true
    error.value = ''
    try {
      return await fn(...args)
    } catch (e) {
      fail(e)
      return undefined
    } finally {
      loading.value = false
    }
  }

  return { run, loading, error }
}

/**
 * 详情页的一条记录：载入中；不存在或无权查看（404）时 missing 为 true、不提示；其他错误全局提示。
 * 载入失败时记录清空。
 */
export function useRecord<T>(fetch: () => Promise<T>) {
  const data = shallowRef<T | null>(null) as Ref<T | null>
  const missing = ref(false)
  const task = useTask(
    async () => {
      missing.value = false
      data.value = await fetch()
    },
    {
      errors: (e) => {
        data.value = null
        if (isNotFound(e)) missing.value = true
        else showError(e)
      },
    },
  )
  return { data, missing, loading: task.loading, load: task.run }
}
