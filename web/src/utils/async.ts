/** 以有限并发依次处理（保持结果顺序），避免一次发出过多请求。 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i] as T, i)
    }
  })
  await Promise.all(workers)
  return results
}

/** 同一时刻只执行一次：执行期间的再次调用共用进行中的 Promise，结束（成功或失败）后下次调用重新执行。 */
export function single<T>(fn: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null
  return () =>
    (pending ??= fn().finally(() => {
      pending = null
    }))
}
